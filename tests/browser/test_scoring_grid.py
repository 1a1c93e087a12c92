"""A secretary fills a 7 × 10 grid with the keyboard only, sees a wrong value refused with its reason,
saves, and sees the ranking."""

import pytest
from playwright.sync_api import expect

from awards.models import Score
from blocs.choices import Role
from tests.awards.scoring.helpers import make_table
from tests.factories import BlocFactory, UserFactory, bloc_year_with_members, grant

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def grid7(db):
    bloc = BlocFactory(name="Khối thi đua thử nghiệm")
    by = bloc_year_with_members(7, bloc=bloc, year=2026)
    make_table(by, sections=2, per_section=5, bonus=(), penalty=())
    grant(UserFactory(username="thuky7"), Role.SECRETARY, bloc=bloc)
    members = list(by.members.select_related("unit").in_display_order())
    return by, members


def test_secretary_fills_the_grid_with_the_keyboard_and_sees_the_ranking(page, grid7):
    by, members = grid7
    login(page, "thuky7", "pw-12345")
    page.goto(f"/khoi/{by.bloc_id}/nam/{by.year}/cham-diem/")
    expect(page.locator("#score-grid input").first).to_be_focused()
    kb = page.keyboard
    # Row by row: self score, Tab, verified score, Tab ... (Tab leaves a row for the next one).
    for _row in range(10):
        for i, _member in enumerate(members):
            value = str(10 - i) if i < 6 else "3,5"
            kb.type(value)
            kb.press("Tab")
            kb.type(value)
            kb.press("Tab")
    # Back up to the last verified cell and type a wrong value.
    kb.press("Shift+Tab")
    kb.type("12")
    expect(page.locator("#cell-error")).to_have_text(f"{members[-1].unit.name}, 5, thẩm định: Vượt điểm tối đa của tiêu chí (10).")
    expect(page.locator("input.invalid")).to_have_count(1)
    kb.press("Shift+Tab")  # moving away keeps the reason on screen while the cell stays invalid
    expect(page.locator("#cell-error")).to_have_text(
        f"1 ô không hợp lệ. {members[-1].unit.name}, 5, thẩm định: Vượt điểm tối đa của tiêu chí (10).")
    kb.press("Control+s")
    expect(page.locator("#grid-status")).to_contain_text("Chưa lưu: còn 1 ô không hợp lệ")
    assert Score.objects.count() == 0
    # The values typed are all still there; fix the wrong one (focus went back to it).
    expect(page.locator("input.invalid")).to_be_focused()
    kb.type("4")
    expect(page.locator("input.invalid")).to_have_count(0)
    expect(page.locator("#grid-status")).to_have_text("")
    last = members[-1].pk
    expect(page.get_by_test_id(f"total-{last}")).to_have_text("35,5")
    expect(page.get_by_test_id(f"total-{members[0].pk}")).to_have_text("100")
    # Enter moves down, the arrows move across: check once, without the mouse.
    kb.press("Shift+Enter")
    kb.press("ArrowLeft")
    kb.press("ArrowLeft")
    kb.type("3,5")
    kb.press("Control+s")
    expect(page.locator("#grid-status")).to_contain_text("Đã lưu 70 ô điểm.")
    assert Score.objects.filter(verified_score__isnull=False).count() == 70
    page.locator("#grid-status a").click()
    rows = page.locator("#ranking-table tbody tr")
    expect(rows).to_have_count(7)
    expect(rows.nth(0)).to_contain_text(members[0].unit.name)
    expect(rows.nth(0)).to_contain_text("100")
    expect(rows.nth(6)).to_contain_text(members[6].unit.name)
    expect(page.locator("svg.chart")).to_be_visible()


def test_typed_values_survive_a_reload_and_keep_their_version_check(page, grid7):
    by, members = grid7
    page.on("dialog", lambda dialog: dialog.accept())  # the "unsaved changes" question when leaving
    login(page, "thuky7", "pw-12345")
    url = f"/khoi/{by.bloc_id}/nam/{by.year}/cham-diem/"
    page.goto(url)
    kb = page.keyboard
    kb.type("8")
    kb.press("Tab")
    kb.type("7,5")
    expect(page.locator("#grid-dirty")).to_have_text("Có 1 ô chưa lưu.")
    page.wait_for_timeout(600)  # the draft is written 0.4 s after the last key
    page.reload()
    expect(page.locator("#grid-status")).to_contain_text("Đã khôi phục 1 ô")
    first = page.locator("#score-grid tbody tr.leaf").first
    expect(first.locator("input.s").first).to_have_value("8")
    expect(first.locator("input.v").first).to_have_value("7,5")
    expect(page.get_by_test_id(f"total-{members[0].pk}")).to_have_text("7,5")
    kb.press("Control+s")
    expect(page.locator("#grid-status")).to_contain_text("Đã lưu 1 ô điểm.")
    page.reload()
    expect(page.locator("#grid-status")).not_to_contain_text("khôi phục")
    expect(first.locator("input.v").first).to_have_value("7,5")


def test_on_a_40_by_60_grid_the_cell_being_typed_in_is_never_hidden(page):
    from tests.awards.scoring.helpers import big_grid

    by, _table = big_grid(40, 60, bloc=BlocFactory(name="Khối lớn"), year=2026)
    grant(UserFactory(username="thuky40"), Role.SECRETARY, bloc=by.bloc)
    login(page, "thuky40", "pw-12345")
    page.goto(f"/khoi/{by.bloc_id}/nam/{by.year}/cham-diem/")
    visible = """() => { const i = document.activeElement, r = i.getBoundingClientRect();
        return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === i; }"""
    kb = page.keyboard
    for _ in range(50):
        kb.press("ArrowRight")
    assert page.evaluate(visible)
    for _ in range(45):
        kb.press("Enter")
    assert page.evaluate(visible)
    for _ in range(40):
        kb.press("ArrowLeft")
    assert page.evaluate(visible)
    for _ in range(40):
        kb.press("ArrowUp")
    assert page.evaluate(visible)
    kb.type("7")
    expect(page.locator("#grid-dirty")).to_have_text("Có 1 ô chưa lưu.")
