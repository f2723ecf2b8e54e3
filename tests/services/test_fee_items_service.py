"""设置 → 收费项目: fee items, standards and late-fee terms (manager-only, audited, optimistic locking)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from factories import make_room_with_bills
from sqlalchemy import func, select

from cuijiao_desktop.db.models import AuditLog, FeeItem, LateFeePolicyRow
from cuijiao_desktop.domain.enums import ChargeBasis, Role, Usage
from cuijiao_desktop.domain.errors import ConflictError, PermissionDenied, ValidationError
from cuijiao_desktop.domain.fee_items import FeeItemDraft, FeeStandardDraft, LateFeePolicyDraft
from cuijiao_desktop.services import fee_items as svc


def _item(factory, user, **kw):
    values = {"code": "wyf", "name": "物业管理费", "basis": ChargeBasis.PER_AREA, "unit_label": "元/㎡·月",
              "sort_order": "1", "due_day": "10"} | kw
    with factory.begin() as s:
        return svc.save_fee_item(s, actor=user, draft=FeeItemDraft(**values))


def _settings(factory, user):
    with factory() as s:
        return svc.list_fee_settings(s, actor=user)


def _audit(factory, action):
    with factory() as s:
        return [json.loads(d) for d in s.scalars(select(AuditLog.detail).where(AuditLog.action == action))]


def test_only_managers_change_fee_items_and_everyone_reads_them(session_factory, users):
    for role in (Role.CLERK, Role.COLLECTOR, Role.FINANCE):
        with pytest.raises(PermissionDenied):
            _item(session_factory, users[role])
    item = _item(session_factory, users[Role.MANAGER])
    assert (item.code, item.name, item.basis, item.due_day, item.policy) == ("WYF", "物业管理费", ChargeBasis.PER_AREA,
                                                                             10, None)
    for role in Role:
        assert [i.name for i in _settings(session_factory, users[role]).items] == ["物业管理费"]
    assert _audit(session_factory, "fee_item.create")[0]["code"] == "WYF"


def test_field_errors_and_unique_codes_and_names(session_factory, users):
    manager = users[Role.MANAGER]
    with pytest.raises(ValidationError) as err:
        _item(session_factory, manager, code="", name="")
    assert (err.value.code, err.value.params["field"]) == ("fee_item.code_required", "code")
    with pytest.raises(ValidationError) as err:
        _item(session_factory, manager, due_day="31")
    assert (err.value.code, err.value.params["field"]) == ("fee_item.due_day_invalid", "due_day")
    _item(session_factory, manager)
    with pytest.raises(ValidationError) as err:
        _item(session_factory, manager, name="垃圾清运费")  # code wyf taken, whatever the case
    assert (err.value.code, err.value.params["field"]) == ("fee_item.code_taken", "code")
    with pytest.raises(ValidationError) as err:
        _item(session_factory, manager, code="WYF2", name=" 物业管理费 ")
    assert (err.value.code, err.value.params["field"]) == ("fee_item.name_taken", "name")


def test_a_stale_edit_is_a_conflict_and_changes_are_audited(session_factory, users):
    manager = users[Role.MANAGER]
    item = _item(session_factory, manager)
    first = _item(session_factory, manager, item_id=item.id, version=item.version, name="物业服务费", active=False)
    assert (first.name, first.active, first.version) == ("物业服务费", False, item.version + 1)
    with pytest.raises(ConflictError):
        _item(session_factory, manager, item_id=item.id, version=item.version, name="物业费")
    assert _audit(session_factory, "fee_item.update")[0]["changes"] == {"name": ["物业管理费", "物业服务费"],
                                                                         "active": [True, False]}


def test_standards_per_estate_and_usage_from_a_date(session_factory, users):
    manager = users[Role.MANAGER]
    room = make_room_with_bills(session_factory, months=1)  # an estate, and the item "property" with a bill
    settings = _settings(session_factory, manager)
    item = settings.items[0]
    (eid, ename), = settings.estates
    draft = FeeStandardDraft(fee_item_id=item.id, unit_price="2.35", valid_from=date(2026, 1, 1), estate_id=eid,
                             usage=Usage.RESIDENTIAL, vacancy_discount_pct="30", note="前期物业服务合同")
    with session_factory.begin() as s:
        std = svc.save_fee_standard(s, actor=manager, draft=draft)
    assert (std.unit_price_fen, std.vacancy_discount_pct, std.estate_name, std.usage) == (235, 30, ename,
                                                                                          Usage.RESIDENTIAL)
    with pytest.raises(ValidationError) as err, session_factory.begin() as s:
        svc.save_fee_standard(s, actor=manager, draft=draft)
    assert (err.value.code, err.value.params["field"]) == ("fee_standard.duplicate", "valid_from")
    everywhere = FeeStandardDraft(fee_item_id=item.id, unit_price="0", valid_from=date(2026, 1, 1))  # 0: free
    later = FeeStandardDraft(fee_item_id=item.id, unit_price="2.65", valid_from=date(2027, 1, 1), estate_id=eid,
                             usage=Usage.RESIDENTIAL)
    with session_factory.begin() as s:
        svc.save_fee_standard(s, actor=manager, draft=everywhere)
        svc.save_fee_standard(s, actor=manager, draft=later)
    standards = _settings(session_factory, manager).standards_of(item.id)
    assert [(s.estate_id, s.usage, s.unit_price_fen, s.valid_from) for s in standards] == [
        (None, None, 0, date(2026, 1, 1)),
        (eid, Usage.RESIDENTIAL, 265, date(2027, 1, 1)), (eid, Usage.RESIDENTIAL, 235, date(2026, 1, 1))]
    bad = [
        (FeeStandardDraft(fee_item_id=item.id, unit_price="2.345", valid_from=date(2026, 1, 1)), "unit_price",
         "fee_standard.price_too_precise"),
        (FeeStandardDraft(fee_item_id=item.id, unit_price="-1", valid_from=date(2026, 1, 1)), "unit_price",
         "fee_standard.price_invalid"),
        (FeeStandardDraft(fee_item_id=item.id, unit_price="1", valid_from=None), "valid_from",
         "fee_standard.valid_from_required"),
        (FeeStandardDraft(fee_item_id=item.id, unit_price="1", valid_from=date(2026, 2, 1),
                          valid_to=date(2026, 1, 1)), "valid_to", "fee_standard.valid_to_before_from"),
        (FeeStandardDraft(fee_item_id=item.id, unit_price="1", valid_from=date(2026, 2, 1),
                          vacancy_discount_pct="101"), "vacancy_discount_pct", "fee_standard.vacancy_invalid"),
    ]
    for draft, field, code in bad:
        with pytest.raises(ValidationError) as err, session_factory.begin() as s:
            svc.save_fee_standard(s, actor=manager, draft=draft)
        assert (err.value.code, err.value.params["field"]) == (code, field)
    # stale edit, then delete (audited with its values)
    old = standards[2]
    with session_factory.begin() as s:
        svc.save_fee_standard(s, actor=manager, draft=FeeStandardDraft(
            fee_item_id=item.id, unit_price="2.40", valid_from=old.valid_from, estate_id=eid, usage=Usage.RESIDENTIAL,
            vacancy_discount_pct=30, note="前期物业服务合同", standard_id=old.id, version=old.version))
    with pytest.raises(ConflictError), session_factory.begin() as s:
        svc.delete_fee_standard(s, actor=manager, standard_id=old.id, version=old.version)
    with session_factory.begin() as s:
        svc.delete_fee_standard(s, actor=manager, standard_id=old.id, version=old.version + 1)
    assert _audit(session_factory, "fee_standard.update")[0]["changes"] == {"unit_price_fen": [235, 240]}
    assert _audit(session_factory, "fee_standard.delete")[0]["unit_price_fen"] == 240
    assert room.room_id


def test_late_fee_terms_per_item(session_factory, users):
    manager = users[Role.MANAGER]
    wyf = _item(session_factory, manager)
    ljf = _item(session_factory, manager, code="LJF", name="垃圾清运费", basis=ChargeBasis.FIXED)
    terms = LateFeePolicyDraft(daily_rate="万分之三", valid_from=date(2026, 1, 1), grace_days="30", cap_percent="",
                               from_notice_level=6, contract_clause="《物业服务合同》第十二条")
    with session_factory.begin() as s:
        wyf = svc.save_late_fee_policy(s, actor=manager, item_id=wyf.id, draft=terms)
    p = wyf.policy
    assert (p.daily_rate_ppm, p.grace_days, p.cap_ppm_of_principal, p.from_notice_level, p.contract_clause) == (
        300, 30, None, 6, "《物业服务合同》第十二条")
    # two items share the demo's terms: changing one item's terms leaves the other's alone
    with session_factory.begin() as s:
        s.get(FeeItem, ljf.id).late_fee_policy_id = p.id
    ljf = next(i for i in _settings(session_factory, manager).items if i.id == ljf.id)
    assert ljf.policy.shared_with == ("物业管理费",)
    with session_factory.begin() as s:
        ljf = svc.save_late_fee_policy(s, actor=manager, item_id=ljf.id, draft=LateFeePolicyDraft(
            daily_rate="0.5‰", valid_from=date(2026, 1, 1), cap_percent="30", version=p.version))
    assert (ljf.policy.daily_rate_ppm, ljf.policy.cap_ppm_of_principal, ljf.policy.shared_with) == (500, 300_000, ())
    settings = _settings(session_factory, manager)
    assert [i.policy.daily_rate_ppm for i in settings.items] == [300, 500]
    # a stale edit of the terms, then an in-place edit, then no late fee at all
    with pytest.raises(ConflictError), session_factory.begin() as s:
        svc.save_late_fee_policy(s, actor=manager, item_id=wyf.id, draft=LateFeePolicyDraft(
            daily_rate="1‰", valid_from=date(2026, 1, 1), version=p.version + 5))
    with session_factory.begin() as s:
        wyf = svc.save_late_fee_policy(s, actor=manager, item_id=wyf.id, draft=LateFeePolicyDraft(
            daily_rate="1‰", valid_from=date(2026, 1, 1), version=p.version))
    assert (wyf.policy.id, wyf.policy.daily_rate_ppm) == (p.id, 1000)
    with pytest.raises(ValidationError) as err, session_factory.begin() as s:
        svc.save_late_fee_policy(s, actor=manager, item_id=wyf.id, draft=LateFeePolicyDraft(
            daily_rate="5%", valid_from=date(2026, 1, 1), version=wyf.policy.version))
    assert (err.value.code, err.value.params["field"]) == ("late_fee_policy.rate_too_high", "daily_rate")
    with session_factory.begin() as s:
        wyf = svc.remove_late_fee_policy(s, actor=manager, item_id=wyf.id, version=wyf.version)
    assert wyf.policy is None
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(LateFeePolicyRow)) == 1  # the unused terms are gone
    with session_factory() as s:
        actions = list(s.scalars(select(AuditLog.action).order_by(AuditLog.id)))
    assert actions.count("late_fee_policy.create") == 2 and "late_fee_policy.remove" in actions


def test_items_in_use_cannot_be_deleted(session_factory, users):
    manager = users[Role.MANAGER]
    make_room_with_bills(session_factory, months=1)
    unused = _item(session_factory, manager, code="TCF", name="停车费", basis=ChargeBasis.FIXED)
    settings = _settings(session_factory, manager)
    billed = next(i for i in settings.items if i.code == "property")
    with pytest.raises(ValidationError) as err, session_factory.begin() as s:
        svc.delete_fee_item(s, actor=manager, item_id=billed.id, version=billed.version)
    assert err.value.code == "fee_item.in_use"
    with session_factory.begin() as s:
        svc.save_fee_standard(s, actor=manager, draft=FeeStandardDraft(fee_item_id=unused.id, unit_price="80",
                                                                       valid_from=date(2026, 1, 1)))
        svc.delete_fee_item(s, actor=manager, item_id=unused.id, version=unused.version)
    assert [i.code for i in _settings(session_factory, manager).items] == ["property"]
    assert _audit(session_factory, "fee_item.delete") == [{"code": "TCF", "name": "停车费", "standards": 1}]
