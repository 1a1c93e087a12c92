"""Forms of the proposals area: they convert input; the services in ``awards.proposals.services`` decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from awards.catalog.models import AwardType
from awards.choices import AttachmentKind, ProposalStatus, Subject
from awards.proposals.models import Proposal
from awards.proposals.votes import validate_vote
from awards.votes.models import Vote
from blocs.models import Meeting, Unit, VoteBase
from emulation.lib.bounds import COUNT, MAX_ID, PERCENT, YEAR_MAX, YEAR_MIN
from emulation.lib.forms import VietnameseEmptyChoiceMixin

INVALID_CHOICE = _("Lựa chọn không hợp lệ hoặc không thuộc phạm vi của bạn.")


def _vietnamese_choice_errors(form):
    """Django has no Vietnamese text for an invalid choice: give every choice field one."""
    for field in form.fields.values():
        if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
            field.error_messages["invalid_choice"] = INVALID_CHOICE
            if isinstance(field, forms.ModelMultipleChoiceField):
                field.error_messages["invalid_pk_value"] = INVALID_CHOICE


class ProposalForm(VietnameseEmptyChoiceMixin, forms.ModelForm):
    class Meta:
        model = Proposal
        fields = ["subject", "award_type", "unit", "person_name", "person_title", "person_unit", "person_gender",
                  "person_birth_year", "headcount", "vote", "justification"]
        widgets = {"justification": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, bloc_year, **kwargs):
        super().__init__(*args, **kwargs)
        self.bloc_year = bloc_year
        self.fields["unit"].queryset = Unit.objects.filter(memberships__bloc_year=bloc_year).order_by("sort_key")
        self.fields["vote"].queryset = Vote.objects.filter(bloc_year=bloc_year).select_related("unit", "award_type")
        self.fields["vote"].label = _("Kết quả bỏ phiếu")
        self.fields["vote"].required = False
        self.fields["award_type"].queryset = AwardType.objects.order_by("order")
        _vietnamese_choice_errors(self)

    def clean(self):
        data = super().clean()
        if data.get("subject") == Subject.COLLECTIVE and not data.get("unit"):
            self.add_error("unit", _("Chọn tập thể được đề nghị."))
        if data.get("subject") == Subject.INDIVIDUAL and not data.get("person_name") and (data.get("headcount") or 1) <= 1:
            self.add_error("person_name", _("Nhập họ và tên cá nhân được đề nghị."))
        award = data.get("award_type")
        if award and data.get("subject") and not award.allows(data["subject"]):
            self.add_error("award_type", _("%(award)s chỉ dành cho %(subject)s.") % {
                "award": award.name, "subject": award.get_subject_display().lower()})
        return data

    def validate_unique(self):
        """Constraints are checked by the service with Vietnamese messages (and by the database)."""


class SubmitForm(forms.Form):
    override_reason = forms.CharField(label=_("Lý do vẫn gửi khi có cảnh báo"), required=False,
                                      widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60)
    decision_date = forms.DateField(label=_("Ngày quyết định"), widget=forms.DateInput(attrs={"type": "date"}))


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại tài liệu"), choices=AttachmentKind.choices, error_messages={"invalid_choice": INVALID_CHOICE})
    file = forms.FileField(label=_("Tệp (PDF, Word, Excel)"))


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx)"))


class VoteForm(VietnameseEmptyChoiceMixin, forms.ModelForm):
    class Meta:
        model = Vote
        fields = ["unit", "candidate_name", "award_type", "votes_for", "base", "base_count", "present_count", "meeting", "note"]

    def __init__(self, *args, bloc_year, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(memberships__bloc_year=bloc_year).order_by("sort_key")
        self.fields["meeting"].queryset = Meeting.objects.filter(bloc_year=bloc_year)
        self.fields["meeting"].label = _("Hội nghị bình xét")
        self.fields["award_type"].queryset = AwardType.objects.order_by("order")
        self.fields["award_type"].label = _("Hình thức được bình xét")
        if not self.instance.pk:
            members = bloc_year.members.count()
            self.initial.setdefault("base", bloc_year.vote_base)
            if bloc_year.vote_base == VoteBase.MEMBERS:
                self.initial.setdefault("base_count", members)
            self.initial.setdefault("present_count", members)

        self.bloc_year = bloc_year
        _vietnamese_choice_errors(self)

    def clean(self):
        """The service's rules, shown on the fields before the model's own constraint messages."""

        data = super().clean()
        fields = {k: data.get(k) for k in ["unit", "candidate_name", "votes_for", "base", "base_count", "present_count", "meeting"]}
        try:
            validate_vote(Vote(bloc_year=self.bloc_year, **fields), self.bloc_year.members.count())
        except forms.ValidationError as e:
            self.add_error(None, e)
        return data

    def validate_unique(self):
        """Constraints are checked by ``vote_save`` with Vietnamese messages (and by the database)."""


class QueueFilterForm(forms.Form):
    SORTS = [
        ("bloc", _("Khối, cụm")), ("award", _("Hình thức")), ("rank", _("Thứ hạng")),
        ("submitted", _("Ngày gửi")), ("checks", _("Lỗi kiểm tra nhiều nhất")),
    ]
    nam = forms.IntegerField(label=_("Năm"), required=False, min_value=YEAR_MIN, max_value=YEAR_MAX)
    khoi = forms.IntegerField(label=_("Khối, cụm"), required=False, widget=forms.Select, min_value=1, max_value=MAX_ID)
    hinh_thuc = forms.ModelChoiceField(label=_("Hình thức"), queryset=AwardType.objects.order_by("order"), required=False,
                                       empty_label=_("Tất cả"))
    trang_thai = forms.ChoiceField(label=_("Trạng thái"), required=False, choices=[
        ("awaiting", _("Chờ thẩm định")), ("all", _("Tất cả")),
        *[(v, label) for v, label in ProposalStatus.choices if v != ProposalStatus.DRAFT]])
    kiem_tra = forms.ChoiceField(label=_("Kết quả kiểm tra"), required=False, choices=[
        ("", _("Tất cả")), ("blocking", _("Có lỗi bắt buộc")), ("warning", _("Có cảnh báo")), ("ok", _("Đạt tất cả"))])
    sap_xep = forms.ChoiceField(label=_("Sắp xếp"), required=False, choices=SORTS)


class BulkForm(forms.Form):
    action = forms.ChoiceField(choices=[("approve", _("Duyệt")), ("return", _("Trả lại"))])
    ids = forms.TypedMultipleChoiceField(coerce=int, choices=[])
    reason = forms.CharField(required=False)
    decision_number = forms.CharField(required=False, max_length=60)
    decision_date = forms.DateField(required=False)

    def __init__(self, *args, allowed_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ids"].choices = [(i, i) for i in allowed_ids]
        self.fields["ids"].error_messages["required"] = _("Chọn ít nhất một đề nghị.")
        self.fields["ids"].error_messages["invalid_choice"] = _("Đề nghị đã chọn không còn trong danh sách.")

    def clean(self):
        data = super().clean()
        if data.get("action") == "approve" and not (data.get("decision_number") and data.get("decision_date")):
            raise forms.ValidationError(_("Nhập số và ngày quyết định để duyệt."))
        if data.get("action") == "return" and not (data.get("reason") or "").strip():
            raise forms.ValidationError(_("Nhập lý do trả lại."))
        return data


class QuotaForm(VietnameseEmptyChoiceMixin, forms.Form):
    organizer = forms.ModelChoiceField(label=_("Cơ quan tổ chức"), queryset=None)
    year = forms.IntegerField(label=_("Năm"), min_value=YEAR_MIN, max_value=YEAR_MAX)
    award_type = forms.ModelChoiceField(label=_("Hình thức"), queryset=AwardType.objects.order_by("order"))
    max_count = forms.IntegerField(label=_("Số lượng tối đa"), required=False, min_value=0, max_value=COUNT.high)
    max_percent = forms.DecimalField(label=_("Tỷ lệ tối đa (% số thành viên)"), required=False, max_digits=5, decimal_places=2,
                                     min_value=PERCENT.low, max_value=PERCENT.high)

    def __init__(self, *args, organizers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizer"].queryset = organizers
        _vietnamese_choice_errors(self)
