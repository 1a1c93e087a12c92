"""The pledge of a bloc-year: header, bases, numbered commitments, copy from last year, signatories."""

from django.urls import reverse

from blocs.models import AuditEntry, Pledge, PledgeCommitment
from blocs.years import services
from tests.conftest import errors_of


def _url(w, name, **kw):
    return reverse(f"blocs:{name}", kwargs={"bloc_id": w.bloc_a.pk, "year": 2026, **kw})


def _add(client, w, text, kind="noi-dung"):
    return client.post(_url(w, "pledge_item_add", kind=kind), {f"{kind}-text": text})


def _texts(w):
    return list(PledgeCommitment.objects.filter(pledge__bloc_year=w.by_a).values_list("order", "text"))


def test_secretary_adds_three_commitments_numbered_in_order(world):
    client = world.client("secretary_a")
    for text in ["Thi đua hoàn thành xuất sắc nhiệm vụ", "Đẩy mạnh cải cách hành chính", "Xây dựng tổ chức vững mạnh"]:
        assert _add(client, world, text).status_code == 302
    assert _texts(world) == [(1, "Thi đua hoàn thành xuất sắc nhiệm vụ"), (2, "Đẩy mạnh cải cách hành chính"),
                             (3, "Xây dựng tổ chức vững mạnh")]
    assert AuditEntry.objects.filter(action="pledge_pledgecommitment_add").count() == 3
    page = client.get(_url(world, "pledge_detail")).content.decode()
    assert page.index("Thi đua hoàn thành") < page.index("Đẩy mạnh") < page.index("Xây dựng tổ chức")


def test_empty_commitment_is_refused(world):
    response = _add(world.client("secretary_a"), world, "   ")
    assert response.status_code == 400
    assert "Nội dung không được để trống." in errors_of(response)
    assert _texts(world) == []


def test_reorder_edit_and_delete_keep_the_numbering(world):
    client = world.client("secretary_a")
    for text in ["Một", "Hai", "Ba"]:
        _add(client, world, text)
    third = PledgeCommitment.objects.get(text="Ba")
    client.post(_url(world, "pledge_item_move", kind="noi-dung", item_id=third.pk), {"direction": "up"})
    assert _texts(world) == [(1, "Một"), (2, "Ba"), (3, "Hai")]
    response = client.post(_url(world, "pledge_item_move", kind="noi-dung", item_id=PledgeCommitment.objects.get(text="Một").pk),
                           {"direction": "up"}, follow=True)
    assert "Mục này đã ở đầu danh sách." in [str(m) for m in response.context["messages"]]
    client.post(_url(world, "pledge_item_edit", kind="noi-dung", item_id=third.pk), {"text": "Ba (sửa)"})
    client.post(_url(world, "pledge_item_delete", kind="noi-dung", item_id=PledgeCommitment.objects.get(text="Một").pk))
    assert _texts(world) == [(1, "Ba (sửa)"), (2, "Hai")]


def test_bases_are_kept_apart_from_commitments(world):
    client = world.client("secretary_a")
    _add(client, world, "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15", kind="can-cu")
    pledge = Pledge.objects.get(bloc_year=world.by_a)
    assert list(pledge.bases.values_list("text", flat=True)) == ["Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15"]
    assert not pledge.commitments.exists()


def test_unknown_item_kind_is_not_found(world):
    response = world.client("secretary_a").post(_url(world, "pledge_item_add", kind="khac"), {"khac-text": "x"})
    assert response.status_code == 404


def test_copy_from_last_year(world):
    client = world.client("secretary_a")
    for text in ["Một", "Hai"]:
        _add(client, world, text)
    _add(client, world, "Căn cứ cũ", kind="can-cu")
    units = [m.unit for m in world.by_a.members.order_by("pk")]
    services.bloc_year_start(user=None, bloc=world.bloc_a, year=2027, units=units, leader=units[0], deputy=None, basis="BB")
    url = reverse("blocs:pledge_copy_commitments", args=[world.bloc_a.pk, 2027])
    client.post(url)
    pledge = Pledge.objects.get(bloc_year__year=2027, bloc_year__bloc=world.bloc_a)
    assert list(pledge.commitments.values_list("order", "text")) == [(1, "Một"), (2, "Hai")]
    assert list(pledge.bases.values_list("text", flat=True)) == ["Căn cứ cũ"]
    response = client.post(url, follow=True)
    assert ("Bản giao ước năm 2027 đã có nội dung; hãy xoá các nội dung hiện có trước khi sao chép."
            in [str(m) for m in response.context["messages"]])
    assert pledge.commitments.count() == 2


def test_copy_without_last_year_says_so(world):
    response = world.client("secretary_a").post(_url(world, "pledge_copy_commitments"), follow=True)
    assert "Năm trước chưa có nội dung giao ước để sao chép." in [str(m) for m in response.context["messages"]]


def test_signing_date_must_be_in_the_year_or_the_one_before(world):
    client = world.client("secretary_a")
    data = {"pledge-title": "", "pledge-number": "", "pledge-signing_place": "Tuyên Quang", "pledge-signing_date": "2024-12-31",
            "pledge-goals": "", "pledge-implementation": ""}
    response = client.post(_url(world, "pledge_detail"), data)
    assert "Ngày ký giao ước năm 2026 phải trong năm 2025 hoặc 2026." in errors_of(response)
    assert not Pledge.objects.filter(bloc_year=world.by_a).exists()
    data["pledge-signing_date"] = "2026-03-22"
    assert client.post(_url(world, "pledge_detail"), data).status_code == 302
    assert Pledge.objects.get(bloc_year=world.by_a).signing_place == "Tuyên Quang"


def _sig_data(members, **row0):
    data = {"sig-TOTAL_FORMS": len(members), "sig-INITIAL_FORMS": len(members)}
    for i, m in enumerate(members):
        data.update({f"sig-{i}-unit": m.unit_id, f"sig-{i}-signer_name": "", f"sig-{i}-signer_title": "Giám đốc",
                     f"sig-{i}-signing_formula": "GIÁM ĐỐC"})
    data.update({f"sig-0-{k}": v for k, v in row0.items()})
    return data


def test_one_signatory_per_member_with_returned_copies(world):
    members = list(world.by_a.members.in_display_order())
    client = world.client("secretary_a")
    page = client.get(_url(world, "pledge_signatories"))
    assert len(page.context["rows"]) == 5
    response = client.post(_url(world, "pledge_signatories"), _sig_data(members, signer_name="Nguyễn Văn A", returned="on"))
    assert response.status_code == 302
    pledge = Pledge.objects.get(bloc_year=world.by_a)
    assert pledge.signatories.count() == 5
    first = pledge.signatories.get(unit=members[0].unit)
    assert first.returned and first.signer_name == "Nguyễn Văn A"
    assert pledge.signatories.filter(returned=True).count() == 1


def test_returned_copy_needs_a_signer_name(world):
    members = list(world.by_a.members.in_display_order())
    response = world.client("secretary_a").post(_url(world, "pledge_signatories"), _sig_data(members, returned="on"))
    assert response.status_code == 400
    assert response.context["errors"] == [f"Dòng 1 ({members[0].unit.name}): đã nhận bản ký thì cần ghi tên người ký."]
    assert not Pledge.objects.filter(bloc_year=world.by_a).exists()


def test_leader_rep_reads_but_cannot_change_the_pledge(world):
    client = world.client("leader_a")
    assert client.get(_url(world, "pledge_detail")).status_code == 200
    assert _add(client, world, "Một").status_code == 403
    assert client.post(_url(world, "pledge_signatories"), _sig_data(list(world.by_a.members.all()))).status_code == 403
