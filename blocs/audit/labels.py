"""What each audit action is called on screen: the one table for both apps (an action code is a plain
string, so blocs names the awards' actions without importing awards)."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _lazy

ITEM_VERBS = {"add": _lazy("Thêm"), "update": _lazy("Sửa"), "delete": _lazy("Xoá"), "move": _lazy("Đổi thứ tự")}
# The rows of a pledge (blocs/pledges/services.py records ``pledge_<model name>_<verb>``).
PLEDGE_ITEM_ACTIONS = {
    f"pledge_{model}_{verb}": format_lazy("{} {}", verb_label, what)
    for model, what in (("pledgebasis", _lazy("căn cứ")), ("pledgecommitment", _lazy("nội dung giao ước")))
    for verb, verb_label in ITEM_VERBS.items()
}

ACTION_LABELS = {
    # blocs, years, members, leaders
    "bloc_create": _lazy("Tạo khối, cụm"), "bloc_update": _lazy("Sửa khối, cụm"),
    "bloc_year_start": _lazy("Mở năm"), "bloc_year_update": _lazy("Đổi chủ đề, giai đoạn"),
    "leadership_set": _lazy("Đổi trưởng, phó"), "member_add": _lazy("Thêm thành viên"),
    "members_add_bulk": _lazy("Thêm nhiều thành viên"), "member_remove": _lazy("Bỏ thành viên"),
    "unit_merge": _lazy("Sáp nhập đơn vị"), "login_unlock": _lazy("Mở khóa đăng nhập"),
    # pledges, meetings, documents
    "pledge_create": _lazy("Tạo bản giao ước"), "pledge_update": _lazy("Sửa bản giao ước"),
    "pledge_copy": _lazy("Sao chép giao ước năm trước"), "pledge_signatories_save": _lazy("Lưu người ký"),
    "meeting_create": _lazy("Ghi hội nghị"), "meeting_update": _lazy("Sửa hội nghị"), "meeting_delete": _lazy("Xoá hội nghị"),
    "minutes_text": _lazy("Sửa nội dung biên bản"),
    # criteria, scores, ranking
    "criteria_table_create": _lazy("Tạo bảng tiêu chí"), "criteria_table_update": _lazy("Sửa cách tính của bảng tiêu chí"),
    "criteria_table_copy": _lazy("Sao chép bảng tiêu chí"), "criteria_table_import": _lazy("Nhập bảng tiêu chí từ Excel"),
    "criterion_create": _lazy("Thêm tiêu chí"), "criterion_update": _lazy("Sửa tiêu chí"), "criterion_delete": _lazy("Xoá tiêu chí"),
    "score_change": _lazy("Sửa điểm"), "score_clear": _lazy("Xoá điểm"),
    "ranking_compute": _lazy("Tính lại xếp hạng"), "ranking_approve": _lazy("Phê duyệt xếp hạng"),
    "ranking_reopen": _lazy("Mở lại xếp hạng"),
    # votes, proposals, quotas
    "vote_create": _lazy("Ghi kết quả bỏ phiếu"), "vote_update": _lazy("Sửa kết quả bỏ phiếu"),
    "proposal_create": _lazy("Tạo đề nghị"), "proposal_update": _lazy("Sửa đề nghị"), "proposal_delete": _lazy("Xóa đề nghị"),
    "proposal_submit": _lazy("Gửi đề nghị"), "proposal_review": _lazy("Bắt đầu thẩm định"), "proposal_approve": _lazy("Duyệt"),
    "proposal_return": _lazy("Trả lại"), "proposal_reject": _lazy("Không duyệt"),
    "attachment_add": _lazy("Đính kèm tài liệu"), "attachment_delete": _lazy("Xóa tài liệu"),
    "quota_save": _lazy("Lưu chỉ tiêu khen thưởng"),
    **PLEDGE_ITEM_ACTIONS,
}
# Filter groups on the history page: key -> (label, actions).
ACTION_GROUPS = {
    "members": (_lazy("Thành viên, trưởng, phó"), ("bloc_year_start", "bloc_year_update", "leadership_set", "member_add",
                                                  "members_add_bulk", "member_remove", "unit_merge")),
    "pledge": (_lazy("Giao ước"), ("pledge_create", "pledge_update", "pledge_copy", "pledge_signatories_save",
                                   *PLEDGE_ITEM_ACTIONS)),
    "meetings": (_lazy("Hội nghị, biên bản"), ("meeting_create", "meeting_update", "meeting_delete", "minutes_text")),
    "criteria": (_lazy("Bảng tiêu chí"), ("criteria_table_create", "criteria_table_update", "criteria_table_copy",
                                         "criteria_table_import", "criterion_create", "criterion_update", "criterion_delete")),
    "scores": (_lazy("Điểm chấm"), ("score_change", "score_clear")),
    "ranking": (_lazy("Xếp hạng"), ("ranking_compute", "ranking_approve", "ranking_reopen")),
    "votes": (_lazy("Bỏ phiếu"), ("vote_create", "vote_update")),
    "proposals": (_lazy("Đề nghị khen thưởng"), ("proposal_create", "proposal_update", "proposal_delete", "proposal_submit",
                                                "proposal_review", "proposal_approve", "proposal_return", "proposal_reject",
                                                "attachment_add", "attachment_delete")),
}

# Change keys that are not model fields (or whose field name would read poorly).
FIELD_LABELS = {
    "self_score": _lazy("điểm tự chấm"), "verified_score": _lazy("điểm thẩm định"), "note": _lazy("ghi chú"),
    "attachment": _lazy("tài liệu"), "scores": _lazy("số ô điểm"), "added": _lazy("thêm"), "dropped": _lazy("bỏ"),
    "units": _lazy("đơn vị"), "criteria": _lazy("số tiêu chí"), "commitments": _lazy("nội dung giao ước"),
    "bases": _lazy("căn cứ"), "source": _lazy("nguồn"), "from_year": _lazy("từ năm"), "approver": _lazy("người phê duyệt"),
    "attendance": _lazy("thành phần dự"), "leader": _lazy("trưởng khối"), "deputy": _lazy("phó khối"),
    "status": _lazy("trạng thái"), "unit": _lazy("đơn vị"), "text": _lazy("nội dung"),
    # fields whose model gives no Vietnamese name
    "vote": _lazy("kết quả bỏ phiếu"), "award_type": _lazy("hình thức khen thưởng"), "legal_basis": _lazy("căn cứ pháp lý"),
    "organizer": _lazy("cơ quan tổ chức"), "meeting": _lazy("hội nghị"), "year": _lazy("năm"), "bloc_year": _lazy("năm của khối"),
    "pledge": _lazy("bản giao ước"), "proposal": _lazy("đề nghị"), "user": _lazy("người dùng"), "reason": _lazy("lý do"),
    "created_by": _lazy("người tạo"), "created_at": _lazy("thời điểm tạo"), "updated_at": _lazy("thời điểm sửa"),
    "submitted_at": _lazy("thời điểm gửi"), "from_status": _lazy("trạng thái cũ"), "to_status": _lazy("trạng thái mới"),
    "by": _lazy("người thực hiện"), "at": _lazy("thời điểm"), "original_name": _lazy("tên tệp"), "size": _lazy("dung lượng"),
    "uploaded_by": _lazy("người tải lên"), "uploaded_at": _lazy("thời điểm tải lên"), "url": _lazy("đường dẫn"),
    "read_at": _lazy("thời điểm đọc"), "object_id": _lazy("mã đối tượng"), "key": _lazy("khoá"), "payload": _lazy("dữ liệu"),
    "version": _lazy("phiên bản"), "table": _lazy("bảng tiêu chí"), "parent": _lazy("mục cha"), "criterion": _lazy("tiêu chí"),
    "member": _lazy("thành viên"), "updated_by": _lazy("người sửa"), "approved_by": _lazy("người phê duyệt"),
    "ranking": _lazy("bảng xếp hạng"),
}
# Internal keys of a row (search and sort keys), never shown as a change to a user.
INTERNAL_FIELDS = {"id", "name_key", "name_ascii", "sort_key", "person_key"}


def action_label(action):
    """The Vietnamese name of an audit action; an unknown code (none is recorded: a test checks the
    services) reads "Thay đổi" rather than the code."""
    return ACTION_LABELS.get(action, _lazy("Thay đổi"))
