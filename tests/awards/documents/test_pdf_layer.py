"""The PDF layer fetches nothing but the project's static files; user text is escaped."""

import datetime
import socket
import urllib.request

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from awards.documents.pledge_doc import compose_pledge
from awards.templatetags.vn_documents import paragraphs, vn_date, vn_time
from blocs.models import Meeting
from emulation.lib import pdf

from .conftest import flat, make_bloc_year, pdf_fonts, pdf_text


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "http://example.com/logo.png",
    "https://example.com/logo.png",
    "data:image/png;base64,iVBORw0KGgo=",
    "https://static.thidua.invalid/etc/passwd",
    "https://static.thidua.invalid/static/../../../etc/passwd",
    "https://static.thidua.invalid/static/%2e%2e/%2e%2e/etc/passwd",
    "https://static.thidua.invalid/static/css/../../emulation/settings.py",
    "https://static.thidua.invalid/static/css/app.css?x=1",
    "https://static.thidua.invalid/static/fonts/tinos/OFL.txt",
    "https://static.thidua.invalid.evil.example/static/css/pdf.css",
])
def test_fetcher_refuses_everything_outside_the_static_files(url):
    with pytest.raises(pdf.ResourceRefused):
        pdf.StaticOnlyFetcher().fetch(url)


def test_fetcher_serves_the_stylesheet_and_the_font():
    fetcher = pdf.StaticOnlyFetcher()
    css = fetcher.fetch("https://static.thidua.invalid/static/css/pdf.css")
    assert b"@font-face" in css.read()
    font = fetcher.fetch("https://static.thidua.invalid/static/fonts/tinos/Tinos-Regular.ttf")
    assert len(font.read()) > 100_000


@pytest.fixture
def no_network_no_file(monkeypatch):
    """Fail the test on any socket connection or urllib open during rendering."""
    calls = []

    def refuse_connect(self, address):
        calls.append(("connect", address))
        raise AssertionError(f"kết nối mạng bị cấm: {address}")

    def refuse_open(self, *args, **kwargs):
        calls.append(("urlopen", args))
        raise AssertionError("urllib bị cấm")

    monkeypatch.setattr(socket.socket, "connect", refuse_connect)
    monkeypatch.setattr(urllib.request.OpenerDirector, "open", refuse_open)
    return calls


def test_raw_html_with_file_and_external_images_reads_nothing(no_network_no_file):
    """Even HTML that was not escaped cannot make the layer read a file or call out."""
    html = (
        '<html><body><p>Xin chào</p><img src="file:///etc/passwd"><img src="http://203.0.113.9/x.png">'
        '<link rel="stylesheet" href="https://example.com/evil.css">'
        '<div style="background: url(file:///etc/shadow)">nền</div></body></html>'
    )
    data = pdf.render_pdf(html)
    assert not no_network_no_file
    text = pdf_text(data)
    assert "Xin chào" in text
    assert "root:" not in text
    assert b"root:x:0:0" not in data


def test_user_text_is_printed_as_text_not_markup(world, no_network_no_file):
    meeting = Meeting.objects.create(
        bloc_year=world.by_a, kind="year_end", date=datetime.date(2026, 12, 18), place="Hà Nội",
        extra_paragraphs='Ý kiến: <img src="file:///etc/passwd"> và <img src="https://evil.example/track.png">',
        chairs='<script>alert(1)</script> Nguyễn Văn A, Giám đốc',
    )
    response = world.client("secretary_a").get(
        reverse("awards:minutes_pdf", args=[world.bloc_a.pk, 2026, meeting.pk])
    )
    assert response.status_code == 200
    assert not no_network_no_file
    text = flat(pdf_text(response.content))
    packed = text.replace(" ", "")  # a long address may wrap at a line end
    assert '<imgsrc="file:///etc/passwd">' in packed
    assert '<imgsrc="https://evil.example/track.png">' in packed
    assert "<script>alert(1)</script>" in text
    assert "root:" not in text


def test_every_document_embeds_only_the_shipped_serif(world):
    html = render_to_string("pdf/document.html", {"doc": compose_pledge(world.by_a)})
    fonts = pdf_fonts(pdf.render_pdf(html))
    assert {f[0].split("+")[-1] for f in fonts} <= {"Tinos", "Tinos-Bold", "Tinos-Italic", "Tinos-Bold-Italic"}
    assert all(f[2] for f in fonts)


@pytest.mark.parametrize("day, expected", [
    (datetime.date(2018, 3, 22), "ngày 22 tháng 3 năm 2018"),
    (datetime.date(2026, 3, 5), "ngày 05 tháng 3 năm 2026"),
    (datetime.date(2026, 2, 9), "ngày 09 tháng 02 năm 2026"),
    (datetime.date(2026, 1, 31), "ngày 31 tháng 01 năm 2026"),
    (datetime.date(2026, 11, 15), "ngày 15 tháng 11 năm 2026"),
])
def test_vn_date_follows_decree_30(day, expected):
    assert vn_date(day) == expected


def test_missing_date_and_time_leave_room_to_write_by_hand():
    assert vn_date(None, 2027).startswith("ngày") and vn_date(None, 2027).endswith("năm 2027")
    assert vn_time(datetime.time(8, 5)) == "08 giờ 05 phút"
    assert "giờ" in vn_time(None) and "phút" in vn_time(None)


def test_paragraphs_split_at_blank_lines_and_normalise_to_nfc():
    decomposed = "Hoa\u0300 Bi\u0300nh\ndòng hai\r\n\r\nĐoạn hai"
    assert paragraphs(decomposed) == ["Hoà Bình dòng hai", "Đoạn hai"]
    assert paragraphs("  ") == []


def test_signature_grid_two_or_three_per_row():
    from awards.documents.pledge_doc import grid_columns_for

    assert [grid_columns_for(n) for n in (1, 2, 4, 5, 7, 40)] == [2, 2, 2, 3, 3, 3]


def test_make_bloc_year_helper_names_members(db):
    by = make_bloc_year(3)
    assert list(by.members.in_display_order().values_list("unit__name", flat=True))[0] == "Đơn vị thành viên 01"
