from django import forms
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from blocs.access.scope import is_admin_user, reviewer_organizer_ids
from blocs.choices import BlocKind, Phase
from blocs.units.models import Organizer, Province, Unit
from blocs.years.models import Bloc
from emulation.lib import sheets
from emulation.lib.bounds import YEAR_MAX, YEAR_MIN
from emulation.lib.forms import (
    IdChoiceMixin,
    IdMultipleChoiceMixin,
    VietnameseEmptyChoiceMixin,
    as_id,
)
from emulation.lib.text import ascii_key, has_diacritics, nfc, search_key

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TypedName(str):
    """A unit name typed into a picker's text box (the form works without JavaScript)."""


def _split_names(text):
    """Names typed without JavaScript: one per line or separated by “;”."""
    return [TypedName(" ".join(nfc(part).split())) for line in (text or "").splitlines() for part in line.split(";")
            if part.strip()]


class UnitPicker(forms.Widget):
    """Search-as-you-type unit picker (static/js/unit-picker.js) that never lists every unit.

    Rendered without JavaScript: the chosen unit(s) (a select with only the chosen option, or
    checkboxes for ``offered`` and chosen units) and a text box where a unit name may be typed; the
    field resolves the typed name tone-mark-insensitively. With JavaScript the text box becomes a
    combobox (arrows, Enter, Escape) fed by ``search_url`` (at most 20 units per answer).

    Set per request: ``search_url`` (with its query string), ``offered`` (unit ids always shown as
    checkboxes, multiple only), ``marks`` ({unit id: short note}).
    """

    template_name = "blocs/widgets/unit_picker.html"

    def __init__(self, *, multiple=False, empty_label="", attrs=None):
        super().__init__(attrs)
        self.multiple = multiple
        self.empty_label = empty_label
        self.search_url = ""
        self.offered = []
        self.marks = {}
        self.box_label = ""

    def __deepcopy__(self, memo):
        obj = super().__deepcopy__(memo)
        obj.offered, obj.marks = list(self.offered), dict(self.marks)
        return obj

    def id_for_label(self, id_):
        return f"{id_}_text" if id_ else id_

    def _render(self, template_name, context, renderer=None):
        # The template lives in the project's templates/ (the default form renderer only sees Django's).

        return mark_safe(render_to_string(template_name, context))  # noqa: S308 - autoescaped template

    def value_from_datadict(self, data, files, name):
        typed = _split_names(data.get(f"{name}_text", ""))
        if self.multiple:
            picked = data.getlist(name) if hasattr(data, "getlist") else data.get(name) or []
            if not isinstance(picked, list | tuple):
                picked = [picked]
            return [*picked, *typed]
        if typed:
            return typed[0] if len(typed) == 1 else TypedName("; ".join(typed))
        return data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return False

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        values = value if isinstance(value, list | tuple) else [] if value in (None, "") else [value]
        typed = [v for v in values if isinstance(v, TypedName)]
        ids = []
        for v in values:
            pk = None if isinstance(v, TypedName) else as_id(v)
            if pk is not None and pk not in ids:
                ids.append(pk)
        offered = [int(pk) for pk in self.offered]
        wanted = list(dict.fromkeys([*offered, *ids]))
        units = {u.pk: u for u in Unit.objects.filter(pk__in=wanted).select_related("province")} if wanted else {}
        options = [{"id": pk, "name": units[pk].name, "detail": unit_detail(units[pk]), "checked": pk in ids,
                    "mark": self.marks.get(pk, "")} for pk in wanted if pk in units]
        context["widget"].update({
            "multiple": self.multiple, "options": options, "empty_label": self.empty_label,
            "search_url": self.search_url, "typed": "; ".join(typed), "box_label": self.box_label,
            "text_id": self.id_for_label(context["widget"]["attrs"].get("id")),
        })
        return context


def unit_detail(unit):
    """What tells two units apart in a picker: the kind and the province."""
    kind = unit.get_kind_display()
    if unit.province_id and unit.kind != "province":
        return f"{kind} · {unit.province.name}"
    return kind


class UnitResolveMixin:
    """Resolve a typed name (``TypedName``) against the field's queryset, with clear Vietnamese errors."""

    def resolve_name(self, name):
        found = list(self.queryset.filter(name_key=search_key(name))[:2])
        if not found and not has_diacritics(name):
            found = list(self.queryset.filter(name_ascii=ascii_key(name))[:2])
        if not found:
            raise ValidationError(_("Không tìm thấy đơn vị “%(name)s”; hãy gõ vài chữ của tên rồi chọn trong danh sách gợi ý.")
                                  % {"name": name}, code="unit_not_found")
        if len(found) > 1:
            raise ValidationError(_("Có nhiều đơn vị tên “%(name)s”; hãy chọn trong danh sách gợi ý.") % {"name": name},
                                  code="unit_ambiguous")
        return found[0]


class UnitChoiceField(UnitResolveMixin, IdChoiceMixin, forms.ModelChoiceField):
    """One unit. Its widget is a ``UnitPicker`` unless given (a plain select for small sets)."""

    def __init__(self, *args, picker=True, **kwargs):
        if picker and "widget" not in kwargs:
            kwargs["widget"] = UnitPicker(empty_label=kwargs.get("empty_label") or "")
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        return obj.name

    def to_python(self, value):
        if isinstance(value, TypedName):
            return self.resolve_name(value)
        return super().to_python(value)


class UnitMultipleChoiceField(UnitResolveMixin, IdMultipleChoiceMixin, forms.ModelMultipleChoiceField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", UnitPicker(multiple=True))
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        return obj.name

    def clean(self, value):
        value = list(value or [])
        typed = [v for v in value if isinstance(v, TypedName)]
        picked = [v for v in value if not isinstance(v, TypedName)]
        errors = []
        for name in typed:
            try:
                picked.append(str(self.resolve_name(name).pk))
            except ValidationError as e:
                errors.extend(e.error_list)
        if errors:
            raise ValidationError(errors)
        return super().clean(list(dict.fromkeys(picked)))


class BlocFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False, widget=forms.TextInput(attrs={"placeholder": _("Tên khối, cụm…")}))
    organizer = forms.ModelChoiceField(label=_("Cơ quan tổ chức"), queryset=Organizer.objects.none(), required=False, empty_label=_("Tất cả"))
    province = forms.ModelChoiceField(label=_("Tỉnh, thành phố"), queryset=Province.objects.none(), required=False, empty_label=_("Tất cả"))
    kind = forms.ChoiceField(label=_("Loại"), choices=[("", _("Tất cả")), *BlocKind.choices], required=False)
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=YEAR_MIN, max_value=YEAR_MAX)

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


class BlocForm(VietnameseEmptyChoiceMixin, forms.ModelForm):
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
    reason = forms.CharField(label=_("Lý do (khi quay lại hoặc bỏ qua giai đoạn)"), required=False, max_length=500)
    confirm = forms.BooleanField(label=_("Tôi xác nhận chuyển giai đoạn (khi bỏ qua giai đoạn)"), required=False,
                                 help_text=_("Chuyển sang giai đoạn kế tiếp không cần xác nhận, không cần lý do."))

    def clean_theme(self):
        return nfc(self.cleaned_data["theme"]).strip()


class LeadershipForm(forms.Form):
    # The candidates are the year's members: a plain select is enough.
    leader = UnitChoiceField(label=_("Trưởng khối/Cụm trưởng"), queryset=Unit.objects.none(), required=False,
                             empty_label=_("— chọn —"), picker=False)
    deputy = UnitChoiceField(label=_("Phó trưởng khối/Cụm phó"), queryset=Unit.objects.none(), required=False,
                             empty_label=_("— không có —"), picker=False)
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
    year = forms.IntegerField(label=_("Năm"), min_value=YEAR_MIN, max_value=YEAR_MAX)
    units = UnitMultipleChoiceField(label=_("Thành viên năm mới"), queryset=Unit.objects.none(), required=False)
    theme = forms.CharField(label=_("Chủ đề thi đua"), max_length=500, required=False)

    field_order = ["year", "units", "leader", "deputy", "leadership_basis", "leadership_basis_number", "leadership_basis_date", "theme"]

    def __init__(self, *args, units=None, members=(), search_url="", offered=(), marks=None, **kwargs):
        """``units``: every unit the year may have (validation); ``members``: the units chosen so far,
        the only options listed for leader and deputy (the picker adds the ones it picks)."""
        super().__init__(*args, units=units, **kwargs)
        self.fields["units"].queryset = units if units is not None else Unit.objects.none()
        picker = self.fields["units"].widget
        picker.search_url, picker.offered, picker.marks = search_url, list(offered), dict(marks or {})
        picker.box_label = _("Thêm đơn vị")
        for name in ("leader", "deputy"):
            field = self.fields[name]
            field.widget.choices = [("", field.empty_label), *((u.pk, u.name) for u in members)]
            field.widget.attrs["data-unit-options-from"] = "units"

    def units_for_preview(self):
        """The units chosen so far and the errors of the list (the preview saves nothing): names typed
        without JavaScript are resolved as on submit; when some cannot be, the units posted by id."""
        field = self.fields["units"]
        try:
            return list(field.clean(field.widget.value_from_datadict(self.data, self.files, "units"))), []
        except ValidationError as e:
            posted = [pk for pk in map(as_id, self.data.getlist("units")) if pk is not None]
            return list(field.queryset.filter(pk__in=posted)), e.messages


class MemberAddForm(forms.Form):
    unit = UnitChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none(), empty_label=_("— chọn đơn vị —"))

    def __init__(self, *args, units=None, search_url="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
        self.fields["unit"].widget.search_url = search_url


class MemberImportForm(forms.Form):
    text = forms.CharField(label=_("Dán danh sách tên đơn vị (mỗi dòng một đơn vị)"), required=False,
                           widget=forms.Textarea(attrs={"rows": 8}))
    file = forms.FileField(label=_("Hoặc chọn tệp Excel (.xlsx): tên đơn vị ở cột đầu tiên"), required=False)

    MAX_ROWS = 500

    def clean_file(self):
        f = self.cleaned_data.get("file")
        if f and not f.name.lower().endswith(".xlsx"):
            raise ValidationError(_("Chỉ nhận tệp Excel .xlsx."))
        return f

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if data.get("file"):
            names = _names_from_xlsx(data["file"], self.MAX_ROWS)
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


def _names_from_xlsx(upload, max_rows):
    """The non-empty first-column cells of the first sheet; a header cell "Tên đơn vị" is skipped.
    The file is bounded before it is read (``emulation.lib.sheets``), with one row for the header."""
    wb = sheets.open_workbook(upload, max_rows=max_rows, header_rows=1)
    names = [str(row[0]) for row in wb.worksheets[0].iter_rows(min_col=1, max_col=1) if row and str(row[0]).strip()]
    wb.close()
    if names and search_key(names[0]) in {search_key("Tên đơn vị"), search_key("Đơn vị")}:
        names = names[1:]
    return names


class MergeForm(forms.Form):
    units = UnitMultipleChoiceField(label=_("Các đơn vị bị sáp nhập"), queryset=Unit.objects.none())
    into = UnitChoiceField(label=_("Sáp nhập vào đơn vị"), queryset=Unit.objects.none(), empty_label=_("— chọn —"))
    on = forms.DateField(label=_("Ngày có hiệu lực"), widget=DATE_WIDGET,
                         help_text=_("Ngày đơn vị mới bắt đầu; các đơn vị cũ hết hiệu lực từ ngày trước đó."))

    def __init__(self, *args, search_url="", **kwargs):
        super().__init__(*args, **kwargs)
        current = Unit.objects.filter(valid_to__isnull=True).order_by("sort_key", "pk")
        self.fields["units"].queryset = current
        self.fields["into"].queryset = current
        self.fields["units"].widget.search_url = search_url
        self.fields["into"].widget.search_url = search_url
