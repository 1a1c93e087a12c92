"""Choices of the blocs app, with the allowed transitions next to the states."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProvinceKind(models.TextChoices):
    PROVINCE = "tinh", _("Tỉnh")
    CITY = "thanh_pho", _("Thành phố trực thuộc trung ương")


class OrganizerKind(models.TextChoices):
    CENTRAL = "central", _("Hội đồng Thi đua - Khen thưởng Trung ương")
    MINISTRY = "ministry", _("Bộ, ban, ngành trung ương")
    PROVINCE = "province", _("Tỉnh, thành phố")
    ENTERPRISE = "enterprise", _("Tập đoàn, doanh nghiệp")
    FRONT = "front", _("Mặt trận, đoàn thể")


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Tỉnh, thành phố")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    PARTY = "party", _("Cơ quan Đảng")
    MASS_ORG = "mass_org", _("Mặt trận, đoàn thể")
    CENTRAL_AGENCY = "central_agency", _("Cơ quan trung ương đóng trên địa bàn")
    DISTRICT = "district", _("Huyện, thị xã, thành phố thuộc tỉnh")
    COMMUNE = "commune", _("Xã, phường, đặc khu")
    ENTERPRISE = "enterprise", _("Doanh nghiệp, hợp tác xã")
    ASSOCIATION = "association", _("Hội, hiệp hội")
    MINISTRY = "ministry", _("Bộ, ngành trung ương")
    OTHER = "other", _("Khác")

    @classmethod
    def ended_2025(cls):
        """Kinds that stopped being administrative units on 01/07/2025."""
        return {cls.DISTRICT}


class BlocKind(models.TextChoices):
    CLUSTER = "cum", _("Cụm thi đua")
    BLOC = "khoi", _("Khối thi đua")


class SuccessionPolicy(models.TextChoices):
    ELECTED = "elected", _("Bầu tại hội nghị")
    ROTATION = "rotation", _("Luân phiên theo thứ tự")
    DEPUTY_SUCCEEDS = "deputy_succeeds", _("Phó trưởng kế nhiệm")
    ASSIGNED = "assigned", _("Cơ quan tổ chức chỉ định")


class MemberRole(models.TextChoices):
    LEADER = "leader", _("Trưởng khối/Cụm trưởng")
    DEPUTY = "deputy", _("Phó trưởng khối/Cụm phó")
    MEMBER = "member", _("Thành viên")


class Phase(models.TextChoices):
    SETUP = "setup", _("Kiện toàn, chuẩn bị")
    PLEDGE_SIGNED = "pledge_signed", _("Đã ký giao ước")
    MID_YEAR = "mid_year", _("Sơ kết giữa năm")
    SCORING = "scoring", _("Chấm điểm")
    RANKING = "ranking", _("Xếp hạng, bình xét")
    PROPOSALS = "proposals", _("Đã gửi đề nghị khen thưởng")
    CLOSED = "closed", _("Đã kết thúc")

    @classmethod
    def order(cls):
        return list(cls.values)

    @classmethod
    def is_next(cls, old, new):
        """Whether ``new`` is the phase right after ``old`` (the one move that needs no reason)."""
        order = cls.order()
        return order.index(new) == order.index(old) + 1

    @classmethod
    def is_jump(cls, old, new):
        """Whether moving from ``old`` to ``new`` skips a phase (forward or back): it needs a confirmation."""
        order = cls.order()
        return abs(order.index(new) - order.index(old)) > 1


class MeetingKind(models.TextChoices):
    LAUNCH = "launch", _("Hội nghị phát động, ký giao ước")
    MID_YEAR = "mid_year", _("Hội nghị sơ kết")
    YEAR_END = "year_end", _("Hội nghị tổng kết")
    RANKING = "ranking", _("Họp bình xét, suy tôn")


class Attendance(models.TextChoices):
    PRESENT = "present", _("Có mặt")
    REPRESENTED = "represented", _("Cử người dự thay")
    ABSENT = "absent", _("Vắng mặt")


class Role(models.TextChoices):
    ADMIN = "admin", _("Quản trị hệ thống")
    REVIEWER = "reviewer", _("Ban Thi đua - Khen thưởng")
    SECRETARY = "secretary", _("Thư ký khối, cụm")
    LEADER_REP = "leader_rep", _("Đại diện đơn vị trưởng khối")
