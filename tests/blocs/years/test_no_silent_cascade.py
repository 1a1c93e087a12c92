"""No silent cascade: a bloc or a bloc-year that holds results is never deleted (the admin is read-only
for them and the database keys are PROTECT); a draft's files go with it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import ProtectedError
from django.urls import reverse

from awards.models import AwardType, Proposal
from awards.proposals import attachments, services
from blocs.models import Bloc, BlocYear, Meeting

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_admin_refuses_to_delete_a_bloc_with_years(world, client):
    Meeting.objects.create(bloc_year=world.by_a, kind="year_end", date="2026-12-01")
    client.force_login(world.users["admin"])
    url = reverse("admin:blocs_bloc_delete", args=[world.bloc_a.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Bloc.objects.filter(pk=world.bloc_a.pk).exists() and BlocYear.objects.filter(pk=world.by_a.pk).exists()
    with pytest.raises(ProtectedError):  # and no other path either: the years are protected
        world.bloc_a.delete()


def test_admin_refuses_to_delete_a_year_with_a_meeting(world, client):
    Meeting.objects.create(bloc_year=world.by_a, kind="year_end", date="2026-12-01")
    client.force_login(world.users["admin"])
    url = reverse("admin:blocs_blocyear_delete", args=[world.by_a.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert BlocYear.objects.filter(pk=world.by_a.pk).exists() and Meeting.objects.filter(bloc_year=world.by_a).exists()
    with pytest.raises(ProtectedError):
        world.by_a.delete()


def test_deleting_a_draft_removes_its_files(world, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    unit = world.by_a.members.first().unit
    proposal = Proposal.objects.create(bloc_year=world.by_a, unit=unit, subject="collective",
                                       award_type=AwardType.objects.first())
    user = world.users["secretary_a"]
    with django_capture_on_commit_callbacks(execute=True):
        attachment = attachments.attachment_add(proposal=proposal, user=user, kind="report",
                                                upload=SimpleUploadedFile("bao-cao.pdf", PDF, "application/pdf"))
    path = tmp_path / attachment.file.name
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_delete(proposal=proposal, user=user)
    assert not path.exists()
