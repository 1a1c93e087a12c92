from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import BlocKind
from .models import Organizer, Province


class BlocFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False, widget=forms.TextInput(attrs={"placeholder": _("Tên khối, cụm…")}))
    organizer = forms.ModelChoiceField(label=_("Cơ quan tổ chức"), queryset=Organizer.objects.none(), required=False, empty_label=_("Tất cả"))
    province = forms.ModelChoiceField(label=_("Tỉnh, thành phố"), queryset=Province.objects.none(), required=False, empty_label=_("Tất cả"))
    kind = forms.ChoiceField(label=_("Loại"), choices=[("", _("Tất cả")), *BlocKind.choices], required=False)
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=1990, max_value=2100)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import Bloc

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
            blocs = blocs.filter(years__year=data["year"]).distinct()
        return blocs
