"""Files only through the scoped download view: no /media/ URL (DEBUG or not), the attachment sent as
an attachment with its checked content type, and a file changed on disk is not sent."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from awards.models import AwardType, Proposal
from awards.proposals import attachments

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def stored(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    proposal = Proposal.objects.create(bloc_year=world.by_a, unit=world.by_a.members.first().unit, subject="collective",
                                       award_type=AwardType.objects.first())
    return attachments.attachment_add(proposal=proposal, user=world.users["secretary_a"], kind="report",
                                      upload=SimpleUploadedFile("báo cáo.pdf", PDF, "application/pdf"))


def test_there_is_no_media_url(stored):
    with pytest.raises(Resolver404):
        resolve("/media/" + stored.file.name)
    assert Client().get("/media/" + stored.file.name).status_code == 404


def test_download_is_scoped_typed_and_an_attachment(world, stored):
    url = reverse("awards:attachment_download", args=[stored.pk])
    response = world.client("secretary_a").get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;") and "b%C3%A1o" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF
    assert world.client("secretary_b").get(url).status_code == 404
    assert Client().get(url).status_code == 302


def test_a_file_changed_on_disk_is_not_sent(world, stored, tmp_path):
    (tmp_path / stored.file.name).write_bytes(b"<html><script>alert(1)</script></html>")
    assert world.client("secretary_a").get(reverse("awards:attachment_download", args=[stored.pk])).status_code == 404
