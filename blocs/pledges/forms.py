from django import forms
from django.utils.translation import gettext_lazy as _

from blocs.pledges.models import Pledge
from blocs.years.forms import DATE_WIDGET
from emulation.lib.text import nfc


class PledgeForm(forms.ModelForm):
    class Meta:
        model = Pledge
        fields = ["title", "number", "signing_place", "signing_date", "goals", "implementation"]
        widgets = {
            "signing_date": DATE_WIDGET,
            "goals": forms.Textarea(attrs={"rows": 3}),
            "implementation": forms.Textarea(attrs={"rows": 3}),
        }


class PledgeItemForm(forms.Form):
    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def clean_text(self):
        return nfc(self.cleaned_data["text"]).strip()


class SignatoryForm(forms.Form):
    unit = forms.IntegerField(widget=forms.HiddenInput)
    signer_name = forms.CharField(label=_("Người ký"), max_length=120, required=False)
    signer_title = forms.CharField(label=_("Chức vụ"), max_length=160, required=False)
    signing_formula = forms.CharField(label=_("Thể thức ký"), max_length=160, required=False,
                                      widget=forms.Textarea(attrs={"rows": 2}))
    returned = forms.BooleanField(label=_("Đã nhận bản ký"), required=False)
    absent_signed_later = forms.BooleanField(label=_("Vắng, ký sau"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One row per unit in a table: the column header is the only visible label.
        for field in self.fields.values():
            if not field.widget.is_hidden:
                field.widget.attrs.setdefault("aria-label", field.label)


SignatoryFormSet = forms.formset_factory(SignatoryForm, extra=0)
