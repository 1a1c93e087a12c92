"""Who may print the documents of a bloc-year, edit the minutes' free paragraphs and batch print."""

import datetime

from .cases import Case

PRINTERS_A = {"admin", "reviewer_a", "secretary_a", "leader_a"}
EDITORS_A = {"admin", "secretary_a"}


def _year(w):
    return {"bloc_id": w.bloc_a.pk, "year": 2026}


def _meeting(w):
    from blocs.models import Meeting

    meeting, _ = Meeting.objects.get_or_create(bloc_year=w.by_a, kind="year_end", date=datetime.date(2026, 12, 18))
    return {**_year(w), "meeting_id": meeting.pk}


def _job(w):
    """A finished batch job of reviewer_a (only its owner may see or download it)."""
    from awards.documents import print_jobs

    job = print_jobs.start_pledge_batch(w.users["reviewer_a"], w.org_a, 2026)  # tasks run inline in the tests
    return {"job_id": job.pk}


CASES = [
    Case("awards:documents_index", kwargs=_year, allowed=PRINTERS_A),
    Case("awards:pledge_pdf", kwargs=_year, allowed=PRINTERS_A),
    Case("awards:pledge_docx", kwargs=_year, allowed=PRINTERS_A),
    Case("awards:submission_pdf", kwargs=_year, allowed=PRINTERS_A),
    Case("awards:submission_docx", kwargs=_year, allowed=PRINTERS_A),
    Case("awards:minutes_pdf", kwargs=_meeting, allowed=PRINTERS_A),
    Case("awards:minutes_docx", kwargs=_meeting, allowed=PRINTERS_A),
    Case("awards:minutes_edit", kwargs=_meeting, allowed=EDITORS_A),
    Case("awards:minutes_edit", kwargs=_meeting, allowed=EDITORS_A, method="post",
         data={"number": "01/BB-CTĐ", "extra_paragraphs": "Ý kiến của các đơn vị."}),
    Case("awards:pledge_batch", allowed={"admin", "reviewer_a", "reviewer_b"}),
    Case("awards:pledge_batch", allowed={"admin", "reviewer_a"}, method="post",
         data=lambda w: {"organizer": w.org_a.pk, "year": 2026}),
    Case("awards:pledge_batch_status", kwargs=_job, allowed={"reviewer_a"}),
    Case("awards:pledge_batch_download", kwargs=_job, allowed={"reviewer_a"}),
]
