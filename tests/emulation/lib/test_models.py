""""In force on a day" has one SQL form (``InForceQuerySet.valid_on``) and one Python form
(``InForce.is_valid_on``); they must agree, boundary days included (both ends are inclusive)."""

import datetime

import pytest

from awards.models import AwardRule, AwardType, LegalBasis
from blocs.models import Unit
from tests.factories import UnitFactory

D = datetime.date
START, END = D(2020, 3, 1), D(2022, 6, 30)
DAYS = [START - datetime.timedelta(days=1), START, D(2021, 1, 1), END, END + datetime.timedelta(days=1)]


def _agree(model, records):
    for day in DAYS:
        in_sql = set(model.objects.filter(pk__in=[r.pk for r in records]).valid_on(day).values_list("pk", flat=True))
        in_python = {r.pk for r in records if r.is_valid_on(day)}
        assert in_sql == in_python, day
    return {day: {r.pk for r in records if r.is_valid_on(day)} for day in DAYS}


@pytest.mark.django_db
def test_legal_basis_and_award_rule_in_force_agree_on_boundary_days():
    bounded = LegalBasis.objects.create(code="T-1", title="Có thời hạn", valid_from=START, valid_to=END)
    open_start = LegalBasis.objects.create(code="T-2", title="Từ trước", valid_to=END)
    open_end = LegalBasis.objects.create(code="T-3", title="Còn hiệu lực", valid_from=START)
    seen = _agree(LegalBasis, [bounded, open_start, open_end])
    assert seen[START] == seen[END] == {bounded.pk, open_start.pk, open_end.pk}
    assert seen[DAYS[0]] == {open_start.pk} and seen[DAYS[-1]] == {open_end.pk}
    award = AwardType.objects.create(code="t-award", name="Thử", category="form", level="state", authority="X")
    rule = AwardRule.objects.create(award_type=award, legal_basis=bounded, valid_from=START, valid_to=END)
    assert _agree(AwardRule, [rule])[END] == {rule.pk}


@pytest.mark.django_db
def test_unit_in_force_agrees_on_boundary_days():
    units = [UnitFactory(valid_from=START, valid_to=END), UnitFactory(valid_to=END), UnitFactory(valid_from=START), UnitFactory()]
    seen = _agree(Unit, units)
    assert seen[START] == seen[END] == {u.pk for u in units}
    assert seen[DAYS[0]] == {units[1].pk, units[3].pk} and seen[DAYS[-1]] == {units[2].pk, units[3].pk}
