"""The PDF layer: HTML + CSS rendered by WeasyPrint, fetching nothing but the project's static files.

Every resource a document refers to (its stylesheet, the embedded fonts) is read from the project's
static folders through :class:`StaticOnlyFetcher`. It refuses ``file://``, ``http(s)://``, ``data:``
and any path outside the static folders, so user text that slipped an ``<img src="file:///etc/passwd">``
or an external address into a document could neither read a file nor make a request. (User text is
also escaped by the templates; this is the second lock.)

Documents link their resources relative to :data:`BASE_URL`, a host that cannot resolve.
"""

import io
import logging
import mimetypes
import posixpath
import time
from urllib.parse import unquote, urlsplit

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from emulation.lib.downloads import DOCX, PDF, download

logger = logging.getLogger(__name__)

# ".invalid" is reserved (RFC 2606): this host never resolves, and the fetcher never asks it.
BASE_URL = "https://static.thidua.invalid/"
STATIC_PREFIX = "/static/"
STYLESHEET = "css/pdf.css"
ALLOWED_SUFFIXES = {".css", ".ttf", ".otf", ".woff", ".woff2", ".png", ".jpg", ".jpeg", ".svg"}
# The font named in pdf.css (shipped in static/fonts/tinos with its OFL licence).
FONT_FAMILY = "Tinos"


class ResourceRefused(ValueError):
    """A document asked for something outside the project's static files."""


def static_path_for(url):
    """The file behind ``url`` if it is one of the project's static files; else ResourceRefused."""
    parts = urlsplit(url)
    base = urlsplit(BASE_URL)
    if (parts.scheme, parts.netloc) != (base.scheme, base.netloc) or parts.query or parts.fragment:
        raise ResourceRefused(f"Tài nguyên ngoài hệ thống bị chặn: {url[:200]}")
    path = unquote(parts.path)
    if not path.startswith(STATIC_PREFIX) or "\\" in path or "\x00" in path:
        raise ResourceRefused(f"Tài nguyên ngoài thư mục tĩnh bị chặn: {url[:200]}")
    relative = path[len(STATIC_PREFIX):]
    if relative != posixpath.normpath(relative) or relative.startswith(("/", "..")) or "/../" in f"/{relative}/":
        raise ResourceRefused(f"Đường dẫn không hợp lệ: {url[:200]}")
    if posixpath.splitext(relative)[1].lower() not in ALLOWED_SUFFIXES:
        raise ResourceRefused(f"Loại tệp không được phép: {url[:200]}")
    found = finders.find(relative)
    if not found:
        raise ResourceRefused(f"Không có tệp tĩnh: {url[:200]}")
    return found


class StaticOnlyFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that serves the project's static files and refuses everything else."""

    def __init__(self):
        super().__init__(allowed_protocols={"https"}, allow_redirects=False, fail_on_errors=False)
        self.refused = []

    def fetch(self, url, headers=None):
        try:
            path = static_path_for(url)
        except ResourceRefused:
            self.refused.append(url)
            raise
        with open(path, "rb") as handle:
            body = handle.read()
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=body, headers={"Content-Type": content_type})

    def open(self, url, data=None, timeout=None):  # never the urllib opener of the parent class
        target = url.full_url if hasattr(url, "full_url") else url
        return self.fetch(target)


def _stylesheet(fetcher, font_config):
    return CSS(url=f"{BASE_URL}static/{STYLESHEET}", url_fetcher=fetcher, font_config=font_config)


def render_documents(htmls, progress=None):
    """One PDF (bytes) made of the HTML documents ``htmls``, each paginated on its own.

    ``progress(done, total)`` is called after each document is laid out (batch print).
    """
    if not htmls:
        raise ValueError("Không có văn bản nào để in.")
    fetcher = StaticOnlyFetcher()
    font_config = FontConfiguration()
    stylesheet = _stylesheet(fetcher, font_config)
    started = time.perf_counter()
    documents = []
    for html in htmls:
        documents.append(HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render(
            stylesheets=[stylesheet], font_config=font_config
        ))
        if progress is not None:
            progress(len(documents), len(htmls))
    first = documents[0]
    if len(documents) > 1:
        first = first.copy([page for doc in documents for page in doc.pages])
    output = io.BytesIO()
    first.write_pdf(output)
    if fetcher.refused:
        logger.warning("PDF: đã chặn %s tài nguyên ngoài hệ thống: %s", len(fetcher.refused), fetcher.refused[:5])
    logger.info("PDF: %s văn bản, %.0f ms", len(htmls), (time.perf_counter() - started) * 1000)
    return output.getvalue()


def render_pdf(html):
    return render_documents([html])


def render_template_pdf(template_name, context):
    return render_pdf(render_to_string(template_name, context))


def pdf_response(pdf, filename, *, attachment=False):
    return download(pdf, filename, PDF, inline=not attachment, private=True)


def docx_response(data, filename):
    return download(data, filename, DOCX, private=True)

