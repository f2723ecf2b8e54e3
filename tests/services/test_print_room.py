"""Print room services: notice batches (levels, serials, all-or-nothing), delivery proof, board masking policy."""

from __future__ import annotations

import hashlib
import json
from datetime import date, timedelta

import pytest
from print_room_data import ROOMS, TODAY, make_arrears
from sqlalchemy import func, select

from cuijiao_desktop.db.models import AuditLog, ContactEvent, Notice, ReceiptSequence
from cuijiao_desktop.domain.enums import DeliveryMethod, NoticeKind, Role
from cuijiao_desktop.domain.errors import ConflictError, DomainError, PermissionDenied, ValidationError
from cuijiao_desktop.domain.masking import MaskingPolicy
from cuijiao_desktop.services import boards, delivery, notice_templates
from cuijiao_desktop.services.notices import NoticeSelection, issue_notices, plan_notices, resolve_scope


def _notices(s) -> int:
    n = s.scalar(select(func.count()).select_from(Notice))
    assert isinstance(n, int)
    return n


def test_a_batch_gives_each_room_its_next_level_and_gap_free_serials(session_factory, users, tmp_path):
    ids = make_arrears(session_factory)
    with session_factory.begin() as s:
        batch = issue_notices(s, actor=users[Role.CLERK], selection=NoticeSelection(), today=TODAY,
                              data_dir=tmp_path)
    assert [d.serial for d in batch.documents] == [f"TZ202611{i:06d}" for i in range(1, 4)]
    assert {d.level for d in batch.documents} == {1}
    assert batch.batch_no == "TZ202611000001"
    doc = next(d for d in batch.documents if d.room_id == ids["3-2-1502"])
    assert doc.principal_fen == 250_000 and isinstance(doc.principal_fen, int)
    assert doc.recipient_name == "欧阳娜娜" and doc.months == 10
    assert doc.deadline == TODAY + timedelta(days=10)
    assert doc.intended_delivery is DeliveryMethod.DOOR
    assert "欧阳娜娜" in doc.paragraphs[0]
    with session_factory.begin() as s:
        rows = s.scalars(select(Notice).order_by(Notice.serial)).all()
        assert len(rows) == 3 and all(r.kind is NoticeKind.REMINDER and r.level == 1 for r in rows)
        assert all(r.batch_no == "TZ202611000001" and r.template_version == "v1" for r in rows)
        assert all(r.intended_delivery is DeliveryMethod.DOOR and r.issued_by_id == users[Role.CLERK].id
                   for r in rows)
        assert {r.recipient_name for r in rows} == {v[0] for v in ROOMS.values()}
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "notice.issue_batch")).one()
        assert sorted(json.loads(audit.detail)["rooms"]) == sorted(ids.values())
    # the next batch climbs the ladder; only the rooms chosen
    _, buildings, _ = _scope(session_factory, building="3")
    with session_factory.begin() as s:
        batch2 = issue_notices(s, actor=users[Role.CLERK], selection=NoticeSelection(building_ids=buildings),
                               today=TODAY, data_dir=tmp_path)
    assert [(d.room_code, d.level, d.serial) for d in batch2.documents] == [
        ("3-2-1502", 2, "TZ202611000004"), ("3-2-1601", 2, "TZ202611000005")]


def _scope(factory, **kw):
    with factory() as s:
        return resolve_scope(s, **kw)


def test_level_choice_min_months_and_signature_from_level_six(session_factory, users, tmp_path):
    make_arrears(session_factory)
    with session_factory() as s:
        batch = plan_notices(s, selection=NoticeSelection(min_months=4, level=6), today=TODAY, data_dir=tmp_path)
    assert sorted(d.room_code for d in batch.documents) == ["3-2-1502", "3-2-1601"]
    assert all(d.level == 6 and d.needs_signature and d.intended_delivery is DeliveryMethod.HAND_SIGNED
               for d in batch.documents)
    assert all(d.serial == "预览-未编号" for d in batch.documents)
    text = "".join(batch.documents[0].paragraphs)
    assert "日万分之三" in text and "第十二条" in text and "《物业服务合同》《" not in text
    with session_factory() as s:
        assert _notices(s) == 0  # planning records nothing


def test_a_cancelled_batch_leaves_no_rows_and_no_serials(session_factory, users, tmp_path):
    make_arrears(session_factory)
    with pytest.raises(DomainError) as err, session_factory.begin() as s:
        issue_notices(s, actor=users[Role.CLERK], selection=NoticeSelection(), today=TODAY, data_dir=tmp_path,
                      cancel=lambda: True)
    assert err.value.code == "task.cancelled"
    with session_factory() as s:
        assert _notices(s) == 0
        assert s.scalar(select(func.count()).select_from(ReceiptSequence)) == 0
    with session_factory.begin() as s:  # the serials are given back
        batch = issue_notices(s, actor=users[Role.CLERK], selection=NoticeSelection(), today=TODAY, data_dir=tmp_path)
    assert batch.documents[0].serial == "TZ202611000001"


def test_a_template_that_threatens_or_discloses_stops_the_batch(session_factory, users, tmp_path):
    make_arrears(session_factory)
    folder = notice_templates.office_dir(tmp_path)
    folder.mkdir(parents=True)
    text = (notice_templates.builtin_dir() / "notice_01.txt").read_text(encoding="utf-8")
    (folder / "notice_01.txt").write_text(text.replace("祝您生活愉快！", "逾期将停水停电。"), encoding="utf-8")
    with pytest.raises(ValidationError) as err, session_factory.begin() as s:
        issue_notices(s, actor=users[Role.CLERK], selection=NoticeSelection(), today=TODAY, data_dir=tmp_path)
    assert err.value.code == "notice_template.forbidden"
    assert "第九百四十四条" in err.value.params["findings"]
    with session_factory() as s:
        assert _notices(s) == 0


def test_saving_a_template_checks_it_and_versions_it(session_factory, users, tmp_path):
    t = notice_templates.load_template(3)
    bad = t.__class__(**{**t.__dict__, "paragraphs": (*t.paragraphs, "如不缴费，我们将通知您的单位。")})
    with pytest.raises(ValidationError) as err, session_factory.begin() as s:
        notice_templates.save_template(s, actor=users[Role.MANAGER], data_dir=tmp_path, template=bad)
    assert err.value.code == "notice_template.forbidden" and "个人信息保护法" in err.value.params["findings"]
    with pytest.raises(PermissionDenied), session_factory.begin() as s:
        notice_templates.save_template(s, actor=users[Role.CLERK], data_dir=tmp_path, template=t)
    good = t.__class__(**{**t.__dict__, "paragraphs": (*t.paragraphs, "感谢您的配合。")})
    with session_factory.begin() as s:
        saved = notice_templates.save_template(s, actor=users[Role.MANAGER], data_dir=tmp_path, template=good)
    assert saved.version == "v2" and saved.source == "office" and saved.version_label == "v2/本地"
    assert notice_templates.load_template(3, tmp_path).paragraphs[-1] == "感谢您的配合。"
    with session_factory.begin() as s:
        saved = notice_templates.save_template(
            s, actor=users[Role.MANAGER], data_dir=tmp_path,
            template=good.__class__(**{**good.__dict__, "title": "催缴通知"}))
        assert saved.version == "v3"
        back = notice_templates.reset_template(s, actor=users[Role.MANAGER], data_dir=tmp_path, level=3)
    assert back.source == "builtin" and back.version == "v1"
    assert len(list((notice_templates.office_dir(tmp_path) / "history").glob("notice_03.*.txt"))) == 2


def test_rooms_on_hold_and_finished_series_are_skipped(session_factory, users, tmp_path):
    from cuijiao_desktop.db.models import CollectionCase

    ids = make_arrears(session_factory)
    with session_factory.begin() as s:
        s.add(CollectionCase(room_id=ids["5-1-302"], opened_on=date(2026, 3, 1), hold_until=TODAY + timedelta(days=20)))
    with session_factory.begin() as s:
        batch = issue_notices(s, actor=users[Role.CLERK], selection=NoticeSelection(level=10), today=TODAY,
                              data_dir=tmp_path)
    assert {d.room_code for d in batch.documents} == {"3-2-1502", "3-2-1601"}
    assert [x.room_code for x in batch.skipped] == ["5-1-302"] and "延期" in batch.skipped[0].reason
    with session_factory() as s:
        again = plan_notices(s, selection=NoticeSelection(), today=TODAY, data_dir=tmp_path)
    assert again.documents == () and {x.room_code for x in again.skipped} == {"3-2-1502", "3-2-1601", "5-1-302"}


def _issue_one(factory, users, tmp_path, level=6):
    with factory.begin() as s:
        return issue_notices(s, actor=users[Role.CLERK], selection=NoticeSelection(level=level, min_months=10),
                             today=TODAY, data_dir=tmp_path).documents[0]


def test_delivery_in_person_family_mail_and_screenshot(session_factory, users, tmp_path):
    make_arrears(session_factory)
    data = tmp_path / "data"
    a = _issue_one(session_factory, users, data)
    shot = tmp_path / "shot.PNG"
    shot.write_bytes(b"\x89PNG fake screenshot")
    digest = hashlib.sha256(shot.read_bytes()).hexdigest()
    clerk = users[Role.CLERK]
    with session_factory.begin() as s:
        info = delivery.record_delivery(s, actor=clerk, data_dir=data, today=TODAY, delivery=delivery.DeliveryInput(
            serial=f" {a.serial.lower()} ", method=DeliveryMethod.HAND_SIGNED, delivered_on=TODAY,
            received_by="王芳", relation="配偶", proof=str(shot)))
    assert info.is_evidenced and info.signed_receipt and info.delivered_to == "王芳（配偶）"
    assert info.proof_path == f"evidence/{digest[:2]}/{digest}.png"
    assert (data / info.proof_path).read_bytes() == shot.read_bytes()
    with session_factory.begin() as s:
        event = s.scalars(select(ContactEvent)).one()
        assert event.evidence_path == info.proof_path and a.serial in event.note
    with pytest.raises(ConflictError), session_factory.begin() as s:
        delivery.record_delivery(s, actor=clerk, data_dir=data, today=TODAY, delivery=delivery.DeliveryInput(
            serial=a.serial, method=DeliveryMethod.SMS, delivered_on=TODAY, proof=str(shot)))

    b = _issue_one(session_factory, users, data, level=7)
    for bad, code in (
        ({"method": DeliveryMethod.REGISTERED_MAIL, "tracking_no": "12"}, "delivery.tracking_invalid"),
        ({"method": DeliveryMethod.WECHAT}, "delivery.proof_required"),
        ({"method": DeliveryMethod.DOOR, "proof": str(shot)}, "delivery.door_no_evidence"),
        ({"method": DeliveryMethod.HAND_SIGNED, "relation": "邻居", "received_by": "赵六"}, "delivery.relation_invalid"),
        ({"method": DeliveryMethod.HAND_SIGNED, "delivered_on": TODAY + timedelta(days=1)}, "delivery.date_out_of_range"),
    ):
        kw = {"serial": b.serial, "delivered_on": TODAY, **bad}
        with pytest.raises(ValidationError) as err, session_factory.begin() as s:
            delivery.record_delivery(s, actor=clerk, data_dir=data, today=TODAY, delivery=delivery.DeliveryInput(**kw))
        assert err.value.code == code
    with pytest.raises(DomainError) as err, session_factory() as s:
        delivery.find_notice(s, serial="TZ209901000001")
    assert err.value.code == "delivery.serial_not_found"
    # a door posting is recorded without evidence, and a registered letter can follow it
    with session_factory.begin() as s:
        door = delivery.record_delivery(s, actor=clerk, data_dir=data, today=TODAY, delivery=delivery.DeliveryInput(
            serial=b.serial, method=DeliveryMethod.DOOR, delivered_on=TODAY))
    assert door.delivered_on == TODAY and not door.is_evidenced
    with session_factory.begin() as s:
        mail = delivery.record_delivery(s, actor=clerk, data_dir=data, today=TODAY, delivery=delivery.DeliveryInput(
            serial=b.serial, method=DeliveryMethod.REGISTERED_MAIL, delivered_on=TODAY, tracking_no="xa123456789cn"))
    assert mail.is_evidenced and mail.tracking_no == "XA123456789CN" and mail.proof_path == ""
    with session_factory() as s:
        n = s.scalars(select(Notice).where(Notice.serial == b.serial)).one()
        assert delivery.evidenced(n)


def test_masking_policy_loosening_needs_the_pipl_acknowledgement_and_is_audited(session_factory, users):
    admin = users[Role.ADMIN]
    with session_factory() as s:
        assert boards.get_masking_policy(s) == boards.DEFAULT_POLICY == MaskingPolicy(False, 2)
    looser = MaskingPolicy(show_owner_name=True, room_keep_digits=2)
    with pytest.raises(ValidationError) as err, session_factory.begin() as s:
        boards.set_masking_policy(s, actor=admin, policy=looser)
    assert err.value.code == "board.loosening_needs_consent" and "第二十五条" in err.value.params["article"]
    with pytest.raises(PermissionDenied), session_factory.begin() as s:
        boards.set_masking_policy(s, actor=users[Role.CLERK], policy=looser, acknowledged_pipl=True)
    with session_factory.begin() as s:
        boards.set_masking_policy(s, actor=admin, policy=looser, acknowledged_pipl=True)
        assert boards.get_masking_policy(s) == looser
        boards.set_masking_policy(s, actor=admin, policy=MaskingPolicy(False, 1))  # tightening: no consent needed
    with session_factory() as s:
        rows = [json.loads(a.detail) for a in s.scalars(
            select(AuditLog).where(AuditLog.action == "board.masking_policy").order_by(AuditLog.id))]
    assert [r["loosened"] for r in rows] == [True, False] and rows[0]["pipl_acknowledged"] is True


def test_the_arrears_board_drops_rooms_that_paid_since_its_data_date(session_factory, users):
    from cuijiao_desktop.domain.enums import PaymentMethod
    from cuijiao_desktop.services.payments import record_payment

    ids = make_arrears(session_factory)
    data_date = date(2026, 11, 1)
    with session_factory.begin() as s:
        first = boards.print_board(s, actor=users[Role.MANAGER], kind="arrears", data_date=data_date, today=TODAY)
    assert {x.room_id for x in first.lines} == set(ids.values())
    assert all(isinstance(x.row.amount_fen, int) for x in first.lines)
    with session_factory.begin() as s:
        record_payment(s, actor=users[Role.CLERK], room_id=ids["5-1-302"], amount_fen=50_000, paid_on=TODAY,
                       method=PaymentMethod.CASH, today=TODAY)
    with session_factory.begin() as s:
        again = boards.print_board(s, actor=users[Role.MANAGER], kind="arrears", data_date=data_date, today=TODAY)
    assert ids["5-1-302"] not in {x.room_id for x in again.lines}
    with session_factory() as s:
        prints = [json.loads(a.detail) for a in s.scalars(select(AuditLog).where(AuditLog.action == "board.print"))]
    assert [p["count"] for p in prints] == [3, 2] and sorted(prints[1]["rooms"]) == sorted(
        [ids["3-2-1502"], ids["3-2-1601"]])
    with pytest.raises(PermissionDenied), session_factory.begin() as s:
        boards.print_board(s, actor=users[Role.CLERK], kind="arrears", data_date=data_date, today=TODAY)
