"""Views that print the official documents (pledge, minutes, submission) as PDF and .docx.

Printing needs ``blocs.print_documents`` on the bloc-year (administrator, the bloc's secretary, the
leader unit's representative, the organiser's reviewer): outside the scope 404, in scope without the
right 403. The secretary's free paragraphs of the minutes need ``blocs.edit_bloc_year``. The batch
print of an organiser's year is for the administrator and that organiser's reviewers.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from awards.documents import minutes_doc, pledge_doc, print_jobs, submission_doc
from awards.documents.docx import build_docx
from blocs.access.scope import is_admin_user, reviewer_organizer_ids
from blocs.audit import services as audit
from blocs.models import BlocYear, Meeting, Organizer
from blocs.years.lookups import get_bloc_year_for_user
from emulation.lib import pdf
from emulation.lib.bounds import YEAR_MAX, YEAR_MIN
from emulation.lib.forms import as_id
from emulation.lib.text import nfc

PRINT = "blocs.print_documents"


def _file_stem(doc, bloc):
    return f"{doc.slug}-{slugify(bloc.name.replace('đ', 'd').replace('Đ', 'D'))[:60]}"


def _send(doc, bloc, fmt):
    if fmt == "docx":

        return pdf.docx_response(build_docx(doc), f"{_file_stem(doc, bloc)}.docx")
    html = render_to_string("pdf/document.html", {"doc": doc})
    return pdf.pdf_response(pdf.render_pdf(html), f"{_file_stem(doc, bloc)}.pdf")


def _meeting_for(bloc_year, meeting_id):
    return get_object_or_404(Meeting.objects.filter(bloc_year=bloc_year), pk=meeting_id)


@login_required
def documents_index(request, bloc_id, year):
    """The documents of a bloc-year: what prints, and which facts are still missing."""
    bloc_year = get_bloc_year_for_user(request, bloc_id, year, perm=PRINT)
    pledge = pledge_doc.compose_pledge(bloc_year)
    meetings = list(Meeting.objects.filter(bloc_year=bloc_year).order_by("-date", "-pk"))
    default_meeting = minutes_doc.minutes_meeting(bloc_year)
    minutes = minutes_doc.compose_minutes(bloc_year, default_meeting) if default_meeting else None
    submission = submission_doc.compose_submission(bloc_year)
    return render(request, "blocs/documents/index.html", {
        "bloc": bloc_year.bloc,
        "bloc_year": bloc_year,
        "pledge": pledge,
        "meetings": meetings,
        "default_meeting": default_meeting,
        "minutes": minutes,
        "submission": submission,
        "can_edit": request.user.has_perm("blocs.edit_bloc_year", bloc_year),
        "can_batch": is_admin_user(request.user) or bloc_year.bloc.organizer_id in reviewer_organizer_ids(request.user),
        "submission_form": SubmissionForm(initial={**submission_initial(bloc_year), "ngay": submission.date}),
    })


@login_required
def pledge_document(request, bloc_id, year, fmt="pdf"):
    bloc_year = get_bloc_year_for_user(request, bloc_id, year, perm=PRINT)
    return _send(pledge_doc.compose_pledge(bloc_year), bloc_year.bloc, fmt)


@login_required
def minutes_document(request, bloc_id, year, meeting_id, fmt="pdf"):
    bloc_year = get_bloc_year_for_user(request, bloc_id, year, perm=PRINT)
    meeting = _meeting_for(bloc_year, meeting_id)
    return _send(minutes_doc.compose_minutes(bloc_year, meeting), bloc_year.bloc, fmt)


class SubmissionForm(forms.Form):
    """What the leader unit decides when it prints the submission: number, date and who signs how."""

    so = forms.RegexField(label=gettext_lazy("Số tờ trình"), regex=r"^\d{1,6}$", required=False,
                          error_messages={"invalid": gettext_lazy("Số tờ trình chỉ gồm chữ số, ví dụ: 12.")})
    ngay = forms.DateField(label=gettext_lazy("Ngày ký"), required=False,
                           widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    the_thuc = forms.ChoiceField(label=gettext_lazy("Thể thức ký"), choices=submission_doc.SIGNING_AUTHORITIES, required=False)
    thay_mat = forms.CharField(label=gettext_lazy("Thay mặt / ký thay cho (ví dụ: ỦY BAN NHÂN DÂN, CHỦ TỊCH)"),
                               max_length=160, required=False)
    chuc_vu = forms.CharField(label=gettext_lazy("Chức vụ người ký (ví dụ: PHÓ CHỦ TỊCH)"), max_length=160)
    nguoi_ky = forms.CharField(label=gettext_lazy("Họ và tên người ký"), max_length=120, required=False)

    def clean(self):
        data = super().clean()
        for key in ("thay_mat", "chuc_vu", "nguoi_ky"):
            if data.get(key):
                data[key] = nfc(data[key].strip())
        if data.get("the_thuc") and not data.get("thay_mat"):
            self.add_error("thay_mat", _("Thể thức %(t)s cần ghi thay mặt tập thể hoặc người đứng đầu nào.")
                           % {"t": data["the_thuc"]})
        return data

    def signing(self):
        d = self.cleaned_data
        return {"formula": submission_doc.signing_formula(d.get("the_thuc"), d.get("thay_mat", ""), d.get("chuc_vu", "")),
                "name": d.get("nguoi_ky", "")}


def submission_initial(bloc_year):
    """The form's initial values from the leader unit's recorded signing formula."""
    leader = bloc_year.members.filter(role="leader").select_related("unit").first()
    lines = [line.strip() for line in (leader.unit.signing_formula if leader else "").splitlines() if line.strip()]
    initial = {"the_thuc": "", "thay_mat": "", "chuc_vu": leader.unit.head_title.upper() if leader else ""}
    if lines:
        first = lines[0].split(" ", 1)
        if first[0].upper() in {code for code, _ in submission_doc.SIGNING_AUTHORITIES if code} and len(first) == 2:
            initial.update(the_thuc=first[0].upper(), thay_mat=first[1], chuc_vu=" ".join(lines[1:2]))
        else:
            initial["chuc_vu"] = lines[0]
    return initial


@login_required
def submission_document(request, bloc_id, year, fmt="pdf"):
    bloc_year = get_bloc_year_for_user(request, bloc_id, year, perm=PRINT)
    if "chuc_vu" not in request.GET:
        return _send(submission_doc.compose_submission(bloc_year), bloc_year.bloc, fmt)
    form = SubmissionForm(request.GET)
    if not form.is_valid():
        return render(request, "blocs/documents/submission_form.html",
                      {"bloc": bloc_year.bloc, "bloc_year": bloc_year, "form": form}, status=400)
    doc = submission_doc.compose_submission(bloc_year, form.cleaned_data.get("ngay"), number=form.cleaned_data.get("so", ""),
                                       signing=form.signing())
    return _send(doc, bloc_year.bloc, fmt)


class MinutesForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["number", "extra_paragraphs"]
        labels = {
            "number": gettext_lazy("Số biên bản (ví dụ: 01/BB-CTĐ)"),
            "extra_paragraphs": gettext_lazy("Các đoạn bổ sung vào biên bản (ý kiến phát biểu, nội dung khác)"),
        }
        help_texts = {
            "extra_paragraphs": gettext_lazy(
                "Mỗi đoạn cách nhau một dòng trống. Các dữ kiện đã ghi (thành phần, xếp hạng, kết quả bỏ phiếu, "
                "đề nghị, trưởng, phó năm sau) được đưa vào biên bản tự động, không cần gõ lại."
            ),
        }
        widgets = {"extra_paragraphs": forms.Textarea(attrs={"rows": 12})}

    MAX_LENGTH = 20000

    def clean_number(self):
        return nfc(self.cleaned_data["number"].strip())

    def clean_extra_paragraphs(self):
        text = nfc(self.cleaned_data["extra_paragraphs"].replace("\r\n", "\n").strip())
        if len(text) > self.MAX_LENGTH:
            raise forms.ValidationError(
                _("Các đoạn bổ sung dài %(n)s ký tự, vượt quá %(max)s ký tự.") % {"n": len(text), "max": self.MAX_LENGTH}
            )
        return text


@login_required
@require_http_methods(["GET", "POST"])
def minutes_edit(request, bloc_id, year, meeting_id):
    bloc_year = get_bloc_year_for_user(request, bloc_id, year, perm="blocs.edit_bloc_year")
    meeting = _meeting_for(bloc_year, meeting_id)
    before = {f: getattr(meeting, f) for f in MinutesForm.Meta.fields}
    form = MinutesForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        changes = {f: (before[f], form.cleaned_data[f]) for f in before if before[f] != form.cleaned_data[f]}
        with transaction.atomic():
            form.save()
            if changes:
                audit.record(user=request.user, action="minutes_text", obj=meeting, changes=changes, bloc_year=bloc_year)
        messages.success(request, _("Đã lưu nội dung biên bản."))
        return redirect("awards:documents_index", bloc_id=bloc_year.bloc_id, year=bloc_year.year)
    doc = minutes_doc.compose_minutes(bloc_year, meeting)
    return render(request, "blocs/documents/minutes_edit.html", {
        "bloc": bloc_year.bloc, "bloc_year": bloc_year, "meeting": meeting, "form": form, "doc": doc,
    })


# --- batch print --------------------------------------------------------------------------------

def _batch_organizers(user):
    if is_admin_user(user):
        return Organizer.objects.filter(blocs__isnull=False).distinct().order_by("sort_key")
    ids = reviewer_organizer_ids(user)
    if not ids:
        raise PermissionDenied
    return Organizer.objects.filter(pk__in=ids).order_by("sort_key")


class BatchForm(forms.Form):
    organizer = forms.ModelChoiceField(label=gettext_lazy("Cơ quan tổ chức"), queryset=Organizer.objects.none(),
                                       empty_label=None)
    year = forms.IntegerField(label=gettext_lazy("Năm"), min_value=YEAR_MIN, max_value=YEAR_MAX)

    def __init__(self, *args, organizers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizer"].queryset = organizers


@login_required
@require_http_methods(["GET", "POST"])
def pledge_batch(request):
    organizers = _batch_organizers(request.user)
    if request.method == "POST":
        raw = as_id(request.POST.get("organizer"))
        if raw is not None and not organizers.filter(pk=raw).exists():
            raise Http404
    initial = {"year": request.GET.get("year") or BlocYear.objects.order_by("-year").values_list("year", flat=True).first()}
    organizer_id = as_id(request.GET.get("organizer"))
    if organizer_id is not None:
        initial["organizer"] = organizer_id
    form = BatchForm(request.POST or None, organizers=organizers, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            job = print_jobs.start_pledge_batch(request.user, form.cleaned_data["organizer"], form.cleaned_data["year"])
        except print_jobs.NoDocuments as exc:
            form.add_error("year", str(exc))
        else:
            return redirect("awards:pledge_batch_status", job_id=job.pk)
    return render(request, "blocs/documents/batch.html", {"form": form})


def _job_or_404(request, job_id):
    job = print_jobs.read(job_id, request.user)
    if job is None:
        raise Http404
    return job


@login_required
def pledge_batch_status(request, job_id):
    job = _job_or_404(request, job_id)
    context = {"job": job, "download": reverse("awards:pledge_batch_download", kwargs={"job_id": job.pk})}
    if request.htmx:
        return render(request, "blocs/documents/_batch_progress.html", context)
    return render(request, "blocs/documents/batch_status.html", context)


@login_required
def pledge_batch_download(request, job_id):
    job = _job_or_404(request, job_id)
    stored = print_jobs.open_pdf(job)
    if stored is None:
        raise Http404
    name = f"giao-uoc-{job.year}-{slugify(job.organizer_name.replace('đ', 'd').replace('Đ', 'D'))[:60]}.pdf"
    response = FileResponse(stored, content_type="application/pdf", as_attachment=True, filename=name)
    response["Cache-Control"] = "private, no-store"
    return response
