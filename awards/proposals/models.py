"""Award proposals of a bloc-year, their workflow history, attachments and notifications."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.formats import localize
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from awards.catalog.models import AwardType
from awards.choices import AttachmentKind, ProposalStatus, Subject
from awards.votes.models import Vote
from blocs.models import BlocYear, Organizer, Unit
from emulation.lib.bounds import BIRTH_YEARS, SMALL, range_checks
from emulation.lib.jobs import BackgroundJob, new_job_id
from emulation.lib.text import search_key


class ProposalQuerySet(models.QuerySet):
    def for_organizer(self, organizer):
        return self.filter(organizer=organizer)

    def awaiting_review(self):
        return self.filter(status__in=ProposalStatus.awaiting_review())


class Proposal(models.Model):
    """A nominee for an award. ``status`` changes only through the services in ``awards.proposals.services``.

    ``headcount`` > 1 records a group of individuals whose names the source did not give
    (e.g. "24 cá nhân"); ``organizer`` and ``year`` copy the bloc-year's for the review queue.
    """

    bloc_year = models.ForeignKey(BlocYear, on_delete=models.PROTECT, related_name="proposals")
    organizer = models.ForeignKey(Organizer, on_delete=models.PROTECT, related_name="+", editable=False)
    year = models.PositiveSmallIntegerField(editable=False)
    award_type = models.ForeignKey(AwardType, verbose_name=_("hình thức đề nghị"), on_delete=models.PROTECT, related_name="proposals")
    subject = models.CharField(_("đối tượng"), max_length=12, choices=Subject.choices)
    unit = models.ForeignKey(Unit, verbose_name=_("tập thể"), null=True, blank=True, on_delete=models.PROTECT, related_name="proposals")
    person_name = models.CharField(_("họ và tên"), max_length=160, blank=True)
    person_title = models.CharField(_("chức vụ"), max_length=200, blank=True)
    person_unit = models.CharField(_("đơn vị công tác"), max_length=255, blank=True)
    person_gender = models.CharField(_("giới tính"), max_length=6, blank=True, choices=[("nam", _("Nam")), ("nu", _("Nữ"))])
    person_birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True, validators=BIRTH_YEARS.validators())
    headcount = models.PositiveSmallIntegerField(_("số cá nhân"), default=1, validators=SMALL.validators())
    rank = models.PositiveSmallIntegerField(_("thứ hạng"), null=True, blank=True, validators=SMALL.validators())
    vote = models.ForeignKey(Vote, null=True, blank=True, on_delete=models.SET_NULL, related_name="proposals")
    justification = models.TextField(_("thành tích, lý do đề nghị"), blank=True)
    status = models.CharField(_("trạng thái"), max_length=12, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT)
    status_reason = models.TextField(_("lý do"), blank=True)
    override_reason = models.TextField(_("lý do bỏ qua cảnh báo"), blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    rule_set = models.CharField(_("căn cứ áp dụng"), max_length=120, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True, null=True)
    # Normalised person name (``emulation.lib.text.search_key``) to find the same individual twice.
    person_key = models.CharField(max_length=160, blank=True, default="", editable=False, db_index=True)
    # Last results of ``awards.proposals.checks.run_checks``, stored by ``awards.proposals.services.proposal_refresh_checks``
    # so that the review queue shows and filters them without recomputing.
    checks = models.JSONField(_("kết quả kiểm tra"), default=list, blank=True, editable=False)
    checks_blocking = models.PositiveSmallIntegerField(_("số lỗi bắt buộc"), default=0, editable=False)
    checks_warning = models.PositiveSmallIntegerField(_("số cảnh báo"), default=0, editable=False)
    checks_at = models.DateTimeField(_("kiểm tra lúc"), null=True, blank=True, editable=False)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["bloc_year", "award_type__order", "rank", "pk"]
        verbose_name = _("đề nghị khen thưởng")
        verbose_name_plural = _("đề nghị khen thưởng")
        constraints = [
            *range_checks("proposal", person_birth_year=BIRTH_YEARS, headcount=SMALL, rank=SMALL),
            models.CheckConstraint(
                condition=Q(subject=Subject.COLLECTIVE, unit__isnull=False) | Q(subject=Subject.INDIVIDUAL),
                name="collective_proposal_has_unit",
            ),
        ]
        indexes = [
            models.Index(fields=["organizer", "year", "status"]),
            models.Index(fields=["award_type", "year", "unit"]),
        ]

    def save(self, *args, **kwargs):
        if self.bloc_year_id and (not self.organizer_id or not self.year):
            self.organizer_id = self.bloc_year.bloc.organizer_id
            self.year = self.bloc_year.year

        self.person_key = search_key(self.person_name)[:160] if self.person_name else ""
        super().save(*args, **kwargs)

    def __str__(self):
        return f"{self.nominee} – {self.award_type}"

    @property
    def is_frozen(self):
        return self.status == ProposalStatus.APPROVED

    @property
    def nominee(self):
        if self.subject == Subject.COLLECTIVE:
            return str(self.unit)
        if self.headcount > 1 and not self.person_name:
            return _("%(n)s cá nhân") % {"n": self.headcount}
        return self.person_name

    @property
    def is_editable(self):
        return self.status in ProposalStatus.editable()

    # The texts of the check badges (awards/_check_badges.html), here rather than {% blocktranslate count %}
    # in the include: a page of the review queue shows 50 rows and the tag cost a fifth of its time.
    @property
    def blocking_label(self):
        return ngettext("%(n)s lỗi", "%(n)s lỗi", self.checks_blocking) % {"n": localize(self.checks_blocking)}

    @property
    def warning_label(self):
        return ngettext("%(n)s cảnh báo", "%(n)s cảnh báo", self.checks_warning) % {"n": localize(self.checks_warning)}


class ProposalTransition(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=12, choices=ProposalStatus.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=ProposalStatus.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("chuyển trạng thái")
        verbose_name_plural = _("chuyển trạng thái")

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


def _attachment_path(instance, filename):
    return f"proposals/{instance.proposal.bloc_year_id}/{instance.proposal_id}/{filename}"


class ProposalAttachment(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("loại tài liệu"), max_length=12, choices=AttachmentKind.choices)
    file = models.FileField(_("tệp"), upload_to=_attachment_path)
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("tài liệu đính kèm")
        verbose_name_plural = _("tài liệu đính kèm")

    def __str__(self):
        return self.original_name


class Notification(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    text = models.CharField(max_length=500)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return self.text


class ImportJob(BackgroundJob):
    """A large Excel import of individuals, run by a task worker (``awards.proposals.import_jobs``)."""

    id = models.CharField(_("mã"), primary_key=True, max_length=32, default=new_job_id, editable=False)
    bloc_year = models.ForeignKey("blocs.BlocYear", on_delete=models.CASCADE, related_name="+", verbose_name=_("năm của khối, cụm"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("người dùng"))
    file = models.CharField(_("tệp"), max_length=255, blank=True)  # the upload in default_storage, removed once read
    original_name = models.CharField(_("tên tệp"), max_length=255)
    created_count = models.PositiveIntegerField(_("số đề nghị đã tạo"), default=0)
    row_errors = models.JSONField(_("các dòng lỗi"), default=list)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("lượt nhập Excel")
        verbose_name_plural = _("lượt nhập Excel")

    def __str__(self):
        return self.original_name
