"""Forms of the criteria table editor, the ranking actions and the Excel upload."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from awards.choices import CriterionKind
from awards.scoring import maths as scoring
from awards.scoring.models import CriteriaTable, Criterion
from emulation.lib.text import nfc

TIEBREAK_SLOTS = 4


def _tiebreak_choices(sections):
    choices = [("", _("— không dùng —"))]
    choices += [(f"section:{s.pk}", _("Điểm cao hơn ở nhóm: %(name)s") % {"name": f"{s.code} {s.title}".strip()}) for s in sections]
    choices += [
        (scoring.TIEBREAK_FEWER_PENALTY, _("Ít điểm trừ hơn")),
        (scoring.TIEBREAK_VOTE, _("Nhiều phiếu bình xét hơn (kết quả bỏ phiếu)")),
        (scoring.TIEBREAK_WOMEN, _("Ưu tiên tập thể có từ 70% nữ (Nghị định 152/2025, Điều 4)")),
    ]
    return choices


class TableSettingsForm(forms.Form):
    title = forms.CharField(label=_("Tên bảng tiêu chí"), max_length=255, required=False)
    allow_self_fallback = forms.BooleanField(
        label=_("Dùng điểm tự chấm khi chưa có điểm thẩm định"), required=False
    )
    bonus_cap = forms.DecimalField(label=_("Tổng điểm cộng tối đa"), min_value=0, max_digits=8, decimal_places=2, required=False)
    penalty_cap = forms.DecimalField(label=_("Tổng điểm trừ tối đa"), min_value=0, max_digits=8, decimal_places=2, required=False)
    classification = forms.CharField(
        label=_("Xếp loại theo tổng điểm"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mỗi dòng một mức: điểm tối thiểu, dấu hai chấm, tên xếp loại. Ví dụ: 95: Xuất sắc"),
    )

    def __init__(self, *args, sections=(), table=None, **kwargs):
        if table is not None and "initial" not in kwargs:
            initial = {
                "title": table.title, "allow_self_fallback": table.allow_self_fallback,
                "bonus_cap": table.bonus_cap, "penalty_cap": table.penalty_cap,
                "classification": "\n".join(f"{scoring.fmt(Decimal(str(b['min'])))}: {b['label']}" for b in table.classification or []),
            }
            for i, rule in enumerate(table.tiebreaks[:TIEBREAK_SLOTS], start=1):
                initial[f"tiebreak_{i}"] = rule
            kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        choices = _tiebreak_choices(sections)
        for i in range(1, TIEBREAK_SLOTS + 1):
            self.fields[f"tiebreak_{i}"] = forms.ChoiceField(
                label=_("Tiêu chí phụ %(i)s khi bằng điểm") % {"i": i}, choices=choices, required=False
            )

    def clean_title(self):
        return nfc(self.cleaned_data["title"].strip())

    def clean_classification(self):
        bands = []
        for n, line in enumerate(self.cleaned_data["classification"].splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            if ":" not in line:
                raise ValidationError(_("Dòng %(n)s: cần dạng “điểm: xếp loại”, ví dụ “95: Xuất sắc”.") % {"n": n})
            raw, label = line.split(":", 1)
            try:
                value = scoring.parse_score(raw)
            except ValueError as exc:
                raise ValidationError(_("Dòng %(n)s: %(e)s") % {"n": n, "e": exc}) from None
            if value is None or not label.strip():
                raise ValidationError(_("Dòng %(n)s: thiếu điểm hoặc tên xếp loại.") % {"n": n})
            bands.append({"min": float(value), "label": nfc(label.strip())})
        return sorted(bands, key=lambda b: b["min"], reverse=True)

    def clean(self):
        data = super().clean()
        rules = [data.get(f"tiebreak_{i}") for i in range(1, TIEBREAK_SLOTS + 1)]
        rules = [r for r in rules if r]
        if len(rules) != len(set(rules)):
            raise ValidationError(_("Một tiêu chí phụ chỉ được chọn một lần."))
        data["tiebreaks"] = rules
        return data


class CriterionForm(forms.Form):
    parent = forms.ModelChoiceField(label=_("Thuộc nhóm"), queryset=Criterion.objects.none(), required=False,
                                    empty_label=_("— cấp cao nhất —"))
    kind = forms.ChoiceField(label=_("Loại"), choices=CriterionKind.choices, initial=CriterionKind.CRITERION)
    code = forms.CharField(label=_("Số thứ tự"), max_length=20, required=False,
                           help_text=_("Ví dụ: I, 1, 1.2, a"))
    title = forms.CharField(label=_("Nội dung"), max_length=500)
    max_points = forms.DecimalField(label=_("Điểm tối đa"), min_value=0, max_digits=8, decimal_places=2, required=False,
                                    help_text=_("Với điểm cộng, điểm trừ: mức tối đa của mục."))
    order = forms.IntegerField(label=_("Thứ tự hiển thị"), min_value=0, required=False)
    confirm = forms.BooleanField(label=_("Tôi xác nhận thay đổi ảnh hưởng đến điểm đã chấm"), required=False)

    def __init__(self, *args, table, exclude_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = table.criteria.filter(kind=CriterionKind.SECTION).order_by("order", "pk")
        if exclude_id:
            qs = qs.exclude(pk=exclude_id)
        self.fields["parent"].queryset = qs
        self.fields["parent"].label_from_instance = lambda c: f"{c.code} {c.title}".strip()

    def clean_title(self):
        return nfc(" ".join(self.cleaned_data["title"].split()))

    def clean_code(self):
        return nfc(self.cleaned_data["code"].strip())

    def clean(self):
        data = super().clean()
        if data.get("kind") and data["kind"] != CriterionKind.SECTION:
            if data.get("max_points") in (None, ""):
                self.add_error("max_points", _("Cần nhập điểm tối đa."))
            elif data["max_points"] <= 0:
                self.add_error("max_points", _("Điểm tối đa phải lớn hơn 0."))
        else:
            data["max_points"] = Decimal("0")
        return data


class CopyTableForm(forms.Form):
    source = forms.ModelChoiceField(label=_("Sao chép từ"), queryset=CriteriaTable.objects.none(), empty_label=None)

    def __init__(self, *args, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = sources
        self.fields["source"].label_from_instance = lambda t: f"{t.bloc_year.bloc.name} – {t.bloc_year.year}"


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("Lý do mở lại"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)

    def clean_reason(self):
        reason = nfc(" ".join(self.cleaned_data["reason"].split()))
        if len(reason) < 5:
            raise ValidationError(_("Cần nêu lý do mở lại (ít nhất 5 ký tự)."))
        return reason


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx)"))

    def clean_file(self):
        f = self.cleaned_data["file"]
        if not f.name.lower().endswith(".xlsx"):
            raise ValidationError(_("Chỉ nhận tệp Excel .xlsx (tải mẫu ở trên)."))
        if f.size > 10 * 1024 * 1024:
            raise ValidationError(_("Tệp lớn quá 10 MB."))
        return f
