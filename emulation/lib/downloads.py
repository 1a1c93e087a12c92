"""Every file the app sends: one helper, so the Content-Disposition header is built by Django
(``content_disposition_header``: ASCII fallback plus RFC 5987 ``filename*`` for Vietnamese names)."""

from django.http import HttpResponse
from django.utils.http import content_disposition_header

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
CSV = "text/csv; charset=utf-8"


def download(content, filename, content_type, *, inline=False, private=False):
    """A response carrying ``content`` as ``filename``; ``inline`` opens it in the browser,
    ``private`` keeps it out of every cache (documents with unpublished data)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    if private:
        response["Cache-Control"] = "private, no-store"
    return response
