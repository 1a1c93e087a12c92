from django import forms
from django.utils.translation import gettext_lazy as _

from blocs.choices import Attendance
from blocs.meetings.models import Meeting
from blocs.years.forms import DATE_WIDGET
from emulation.lib.forms import VietnameseEmptyChoiceMixin


class MeetingForm(VietnameseEmptyChoiceMixin, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["kind", "number", "date", "start_time", "end_time", "place", "chairs", "secretary", "guests",
                  "agenda", "conclusions", "vote_method", "ballots_issued", "ballots_returned", "ballots_valid",
                  "extra_paragraphs"]
        widgets = {
            "date": DATE_WIDGET,
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "chairs": forms.Textarea(attrs={"rows": 3}),
            "guests": forms.Textarea(attrs={"rows": 2}),
            "agenda": forms.Textarea(attrs={"rows": 3}),
            "conclusions": forms.Textarea(attrs={"rows": 4}),
            "extra_paragraphs": forms.Textarea(attrs={"rows": 2}),
        }


class AttendanceForm(forms.Form):
    unit = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Tình trạng"), choices=Attendance.choices)
    representative = forms.CharField(label=_("Người dự"), max_length=160, required=False)
    representative_title = forms.CharField(label=_("Chức vụ"), max_length=160, required=False)
    absence_reason = forms.CharField(label=_("Lý do vắng"), max_length=255, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One row per unit in a table: the column header is the only visible label.
        for field in self.fields.values():
            if not field.widget.is_hidden:
                field.widget.attrs.setdefault("aria-label", field.label)


AttendanceFormSet = forms.formset_factory(AttendanceForm, extra=0)
