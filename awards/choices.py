"""Choices of the awards app; the proposal workflow's allowed transitions sit next to its states."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CriterionKind(models.TextChoices):
    SECTION = "section", _("Nhóm tiêu chí")
    CRITERION = "criterion", _("Tiêu chí")
    BONUS = "bonus", _("Điểm cộng")
    PENALTY = "penalty", _("Điểm trừ")


class RankingStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    APPROVED = "approved", _("Đã phê duyệt")


class RankingSource(models.TextChoices):
    COMPUTED = "computed", _("Tính từ điểm")
    RECORDED = "recorded", _("Theo kết quả bình xét tại hội nghị")


class Subject(models.TextChoices):
    COLLECTIVE = "collective", _("Tập thể")
    INDIVIDUAL = "individual", _("Cá nhân")


class AwardCategory(models.TextChoices):
    TITLE = "title", _("Danh hiệu thi đua")
    FORM = "form", _("Hình thức khen thưởng")


class AwardLevel(models.TextChoices):
    STATE = "state", _("Nhà nước, Chính phủ")
    MINISTRY = "ministry", _("Bộ, ngành")
    PROVINCE = "province", _("Tỉnh")
    UNIT = "unit", _("Cơ sở")


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    SUBMITTED = "submitted", _("Đã gửi")
    IN_REVIEW = "in_review", _("Đang thẩm định")
    APPROVED = "approved", _("Đã duyệt")
    RETURNED = "returned", _("Trả lại")
    REJECTED = "rejected", _("Không duyệt")

    @classmethod
    def editable(cls):
        return {cls.DRAFT, cls.RETURNED}

    @classmethod
    def awaiting_review(cls):
        return {cls.SUBMITTED, cls.IN_REVIEW}

    @classmethod
    def final(cls):
        return {cls.APPROVED, cls.REJECTED}


# Allowed transitions: from-state -> set of to-states.
PROPOSAL_TRANSITIONS = {
    ProposalStatus.DRAFT: {ProposalStatus.SUBMITTED},
    ProposalStatus.RETURNED: {ProposalStatus.SUBMITTED},
    ProposalStatus.SUBMITTED: {ProposalStatus.IN_REVIEW, ProposalStatus.APPROVED, ProposalStatus.RETURNED, ProposalStatus.REJECTED},
    ProposalStatus.IN_REVIEW: {ProposalStatus.APPROVED, ProposalStatus.RETURNED, ProposalStatus.REJECTED},
    ProposalStatus.APPROVED: set(),
    ProposalStatus.REJECTED: set(),
}


class AttachmentKind(models.TextChoices):
    ACHIEVEMENT_REPORT = "report", _("Báo cáo thành tích")
    MINUTES = "minutes", _("Biên bản họp bình xét")
    SUBMISSION = "submission", _("Tờ trình")
    OTHER = "other", _("Tài liệu khác")
