"""Attachments of a proposal: checked by type, content and size before they are stored (audited)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from awards.choices import AttachmentKind
from awards.proposals.models import Proposal, ProposalAttachment
from awards.proposals.services import _ensure_editable, proposal_refresh_checks
from blocs.audit.services import record
from emulation.lib import downloads
from emulation.lib.text import nfc

ALLOWED_ATTACHMENTS = {
    # extension: accepted leading bytes (PDF; Office Open XML and OpenDocument are zip; legacy Office is OLE2)
    "pdf": [b"%PDF-"],
    "docx": [b"PK\x03\x04"], "xlsx": [b"PK\x03\x04"], "pptx": [b"PK\x03\x04"],
    "odt": [b"PK\x03\x04"], "ods": [b"PK\x03\x04"],
    "doc": [b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"], "xls": [b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"],
}


CONTENT_TYPES = {
    "pdf": downloads.PDF, "docx": downloads.DOCX, "xlsx": downloads.XLSX,
    "doc": "application/msword", "xls": "application/vnd.ms-excel",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text", "ods": "application/vnd.oasis.opendocument.spreadsheet",
}


def opened_for_download(attachment):
    """(open file, content type) of a stored attachment whose content still matches its kind; the same
    check as on upload, so a file changed on disk is never sent as something else. Raises ValidationError."""
    name = attachment.original_name
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    try:
        stored = attachment.file.open("rb")
    except (FileNotFoundError, OSError):
        raise ValidationError(_("Không tìm thấy tệp “%(name)s” trong kho lưu trữ.") % {"name": name}, code="missing") from None
    head = stored.read(8)
    stored.seek(0)
    if ext not in CONTENT_TYPES or not any(head.startswith(sig) for sig in ALLOWED_ATTACHMENTS[ext]):
        stored.close()
        raise ValidationError(_("Tệp “%(name)s” không còn đúng định dạng đã kiểm tra khi tải lên; không gửi tệp này.")
                              % {"name": name}, code="bad_content")
    return stored, CONTENT_TYPES[ext]


def max_attachment_bytes():
    """The size limit of one attachment (setting ``ATTACHMENT_MAX_BYTES``, 10 MB by default)."""
    return getattr(settings, "ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)


def validate_attachment(upload):
    name = nfc(upload.name or "")
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in ALLOWED_ATTACHMENTS:
        raise ValidationError(_("Tệp “%(name)s”: chỉ nhận PDF hoặc tệp Office (%(exts)s).") % {
            "name": name, "exts": ", ".join(sorted(ALLOWED_ATTACHMENTS))}, code="bad_type")
    limit = max_attachment_bytes()
    if upload.size > limit:
        raise ValidationError(_("Tệp “%(name)s” dung lượng %(size)s MB, vượt giới hạn %(max)s MB.") % {
            "name": name, "size": str(round(upload.size / 1048576, 1)).replace(".", ","),
            "max": str(round(limit / 1048576, 1)).removesuffix(".0").replace(".", ",")}, code="too_big")
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(sig) for sig in ALLOWED_ATTACHMENTS[ext]):
        raise ValidationError(_("Tệp “%(name)s” không đúng định dạng .%(ext)s (nội dung không khớp phần mở rộng).") % {
            "name": name, "ext": ext}, code="bad_content")
    return name


@transaction.atomic
def attachment_add(*, proposal: Proposal, user, kind: str, upload) -> ProposalAttachment:
    """Attach a checked file to an editable proposal. Side effects: audit entry; checks refreshed."""
    _ensure_editable(proposal)
    if kind not in AttachmentKind.values:
        raise ValidationError(_("Chọn loại tài liệu."), code="bad_kind")
    name = validate_attachment(upload)
    attachment = ProposalAttachment(proposal=proposal, kind=kind, original_name=name, size=upload.size, uploaded_by=user)
    attachment.file.save(name, upload, save=False)
    attachment.save()
    record(user=user, action="attachment_add", obj=proposal, bloc_year=proposal.bloc_year,
           changes={"attachment": (None, f"{AttachmentKind(kind).label}: {name}")})
    proposal_refresh_checks(proposal=proposal)
    return attachment


@transaction.atomic
def attachment_delete(*, attachment: ProposalAttachment, user) -> None:
    proposal = attachment.proposal
    _ensure_editable(proposal)
    record(user=user, action="attachment_delete", obj=proposal, bloc_year=proposal.bloc_year,
           changes={"attachment": (attachment.original_name, None)})
    stored = attachment.file
    attachment.delete()
    transaction.on_commit(lambda: stored.delete(save=False))  # the file goes once its row is gone
    proposal_refresh_checks(proposal=proposal)
