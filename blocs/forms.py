from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from emulation.text import nfc, search_key

from .choices import BlocKind, Phase
from .models import Bloc, Organizer, Province, Unit
from .permissions import is_admin_user, reviewer_organizer_ids

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class BlocFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False, widget=forms.TextInput(attrs={"placeholder": _("Tên khối, cụm…")}))
    organizer = forms.ModelChoiceField(label=_("Cơ quan tổ chức"), queryset=Organizer.objects.none(), required=False, empty_label=_("Tất cả"))
    province = forms.ModelChoiceField(label=_("Tỉnh, thành phố"), queryset=Province.objects.none(), required=False, empty_label=_("Tất cả"))
    kind = forms.ChoiceField(label=_("Loại"), choices=[("", _("Tất cả")), *BlocKind.choices], required=False)
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=1990, max_value=2100)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        visible = Bloc.objects.visible_to(user)
        self.fields["organizer"].queryset = Organizer.objects.filter(blocs__in=visible).distinct().order_by("sort_key")
        self.fields["province"].queryset = Province.objects.filter(blocs__in=visible).distinct().order_by("sort_key")

    def filter(self, blocs):
        data = self.cleaned_data
        if data.get("q"):
            blocs = blocs.search(data["q"])
        if data.get("organizer"):
            blocs = blocs.filter(organizer=data["organizer"])
        if data.get("province"):
            blocs = blocs.filter(province=data["province"])
        if data.get("kind"):
            blocs = blocs.filter(kind=data["kind"])
        if data.get("year"):
            blocs = blocs.filter(pk__in=Bloc.objects.filter(years__year=data["year"]).values("pk"))
        return blocs


class BlocForm(forms.ModelForm):
    """Create or edit a bloc. The rotation order is typed as one unit name per line."""

    rotation_text = forms.CharField(
        label=_("Thứ tự luân phiên"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Chỉ dùng với cách chọn “Luân phiên theo thứ tự”: mỗi dòng một tên đơn vị, theo thứ tự."),
    )

    class Meta:
        model = Bloc
        fields = ["kind", "name", "code", "organizer", "province", "founding_decision_number", "founding_decision_date",
                  "dissolved_on", "succession_policy", "min_members", "note"]
        widgets = {"founding_decision_date": DATE_WIDGET, "dissolved_on": DATE_WIDGET, "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        organizers = Organizer.objects.order_by("sort_key")
        if not is_admin_user(user):
            organizers = organizers.filter(pk__in=reviewer_organizer_ids(user) | ({self.instance.organizer_id} if self.instance.pk else set()))
        if self.instance.pk and not is_admin_user(user):
            # Only the administrator moves a bloc to another organiser.
            organizers = organizers.filter(pk=self.instance.organizer_id)
        self.fields["organizer"].queryset = organizers
        self.fields["province"].queryset = Province.objects.order_by("sort_key", "valid_from")
        self.fields["province"].required = False
        if self.instance.pk and self.instance.rotation_order:
            names = dict(Unit.objects.filter(pk__in=self.instance.rotation_order).values_list("pk", "name"))
            self.initial["rotation_text"] = "\n".join(names.get(pk, "") for pk in self.instance.rotation_order)

    def clean_name(self):
        return " ".join(nfc(self.cleaned_data["name"]).split())

    def clean_rotation_text(self):
        lines = [line.strip() for line in nfc(self.cleaned_data.get("rotation_text") or "").splitlines() if line.strip()]
        if not lines:
            return []
        candidates = Unit.objects.all()
        if self.instance.pk:
            candidates = candidates.filter(memberships__bloc_year__bloc=self.instance).distinct()
        by_key = {}
        for unit in candidates.only("pk", "name", "name_key"):
            by_key.setdefault(unit.name_key, []).append(unit)
        ids, errors = [], []
        for i, line in enumerate(lines, start=1):
            found = by_key.get(search_key(line), [])
            if len(found) != 1:
                errors.append(_("Dòng %(row)s: không tìm thấy đơn vị “%(name)s” trong các thành viên của khối.") % {"row": i, "name": line}
                              if not found else _("Dòng %(row)s: có nhiều đơn vị tên “%(name)s”.") % {"row": i, "name": line})
            elif found[0].pk in ids:
                errors.append(_("Dòng %(row)s: “%(name)s” bị lặp lại.") % {"row": i, "name": line})
            else:
                ids.append(found[0].pk)
        if errors:
            raise ValidationError(errors)
        return ids

    def clean(self):
        data = super().clean()
        data["rotation_order"] = data.pop("rotation_text", [])
        dissolved, founded = data.get("dissolved_on"), data.get("founding_decision_date")
        if dissolved and founded and dissolved < founded:
            self.add_error("dissolved_on", _("Ngày giải thể phải sau ngày quyết định thành lập."))
        return data


class BlocYearForm(forms.Form):
    theme = forms.CharField(label=_("Chủ đề thi đua"), max_length=500, required=False)
    phase = forms.ChoiceField(label=_("Giai đoạn"), choices=Phase.choices)
    reason = forms.CharField(label=_("Lý do (khi quay lại giai đoạn trước)"), required=False, max_length=500)

    def clean_theme(self):
        return nfc(self.cleaned_data["theme"]).strip()


class LeadershipForm(forms.Form):
    leader = UnitChoiceField(label=_("Trưởng khối/Cụm trưởng"), queryset=Unit.objects.none(), required=False, empty_label=_("— chọn —"))
    deputy = UnitChoiceField(label=_("Phó trưởng khối/Cụm phó"), queryset=Unit.objects.none(), required=False, empty_label=_("— không có —"))
    leadership_basis = forms.CharField(label=_("Căn cứ (biên bản, quyết định)"), max_length=255, required=False,
                                       help_text=_("Ví dụ: Biên bản Hội nghị tổng kết năm 2017 của Cụm."))
    leadership_basis_number = forms.CharField(label=_("Số văn bản"), max_length=60, required=False)
    leadership_basis_date = forms.DateField(label=_("Ngày văn bản"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = units if units is not None else Unit.objects.none()
        self.fields["deputy"].queryset = units if units is not None else Unit.objects.none()

    def clean_leadership_basis(self):
        return nfc(self.cleaned_data["leadership_basis"]).strip()


class StartYearForm(LeadershipForm):
    year = forms.IntegerField(label=_("Năm"), min_value=1990, max_value=2100)
    units = UnitMultipleChoiceField(label=_("Thành viên năm mới"), queryset=Unit.objects.none(), required=False,
                                    widget=forms.CheckboxSelectMultiple)
    theme = forms.CharField(label=_("Chủ đề thi đua"), max_length=500, required=False)

    field_order = ["year", "units", "leader", "deputy", "leadership_basis", "leadership_basis_number", "leadership_basis_date", "theme"]

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, units=units, **kwargs)
        self.fields["units"].queryset = units if units is not None else Unit.objects.none()


class MemberAddForm(forms.Form):
    unit = UnitChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none(), empty_label=_("— chọn đơn vị —"))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()


class MemberImportForm(forms.Form):
    text = forms.CharField(label=_("Dán danh sách tên đơn vị (mỗi dòng một đơn vị)"), required=False,
                           widget=forms.Textarea(attrs={"rows": 8}))
    file = forms.FileField(label=_("Hoặc chọn tệp Excel (.xlsx): tên đơn vị ở cột đầu tiên"), required=False)

    MAX_ROWS = 500

    def clean_file(self):
        f = self.cleaned_data.get("file")
        if f and not f.name.lower().endswith(".xlsx"):
            raise ValidationError(_("Chỉ nhận tệp Excel .xlsx."))
        if f and f.size > 5 * 1024 * 1024:
            raise ValidationError(_("Tệp quá lớn (tối đa 5 MB)."))
        return f

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if data.get("file"):
            names = _names_from_xlsx(data["file"])
        else:
            names = [line for line in (data.get("text") or "").splitlines()]
        names = [" ".join(nfc(str(n)).split()) for n in names]
        names = [n for n in names if n]
        if not names:
            raise ValidationError(_("Hãy dán danh sách hoặc chọn tệp Excel có tên đơn vị."))
        if len(names) > self.MAX_ROWS:
            raise ValidationError(_("Danh sách có %(n)s dòng; tối đa %(max)s dòng mỗi lần.") % {"n": len(names), "max": self.MAX_ROWS})
        data["names"] = names
        return data


def _names_from_xlsx(upload):
    """The non-empty first-column cells of the first sheet; a header cell "Tên đơn vị" is skipped."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(upload, read_only=True, data_only=True)
    except Exception as e:  # noqa: BLE001 - any unreadable file gets the same message
        raise ValidationError(_("Không đọc được tệp Excel: tệp hỏng hoặc không đúng định dạng .xlsx.")) from e
    ws = wb.worksheets[0]
    names = []
    for row in ws.iter_rows(min_col=1, max_col=1, values_only=True):
        value = row[0]
        if value is None or str(value).strip() == "":
            continue
        names.append(str(value))
    wb.close()
    if names and search_key(names[0]) in {search_key("Tên đơn vị"), search_key("Đơn vị")}:
        names = names[1:]
    return names


class MergeForm(forms.Form):
    units = UnitMultipleChoiceField(label=_("Các đơn vị bị sáp nhập"), queryset=Unit.objects.none(),
                                    widget=forms.SelectMultiple(attrs={"size": 10}))
    into = UnitChoiceField(label=_("Sáp nhập vào đơn vị"), queryset=Unit.objects.none(), empty_label=_("— chọn —"))
    on = forms.DateField(label=_("Ngày có hiệu lực"), widget=DATE_WIDGET,
                         help_text=_("Ngày đơn vị mới bắt đầu; các đơn vị cũ hết hiệu lực từ ngày trước đó."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = Unit.objects.filter(valid_to__isnull=True).order_by("sort_key", "pk")
        self.fields["units"].queryset = current
        self.fields["into"].queryset = current
