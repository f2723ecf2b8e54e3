"""``cuijiao visits --date D [--team NAME] --out FILE.pdf`` on a demo database: the day's sheets
read back, one team's sheet, and the clear refusals (no visits that day, an unknown team, not a PDF)."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from cuijiao_desktop.cli import EXIT_IO, EXIT_RULE, main
from cuijiao_desktop.db.engine import make_engine, make_session_factory
from cuijiao_desktop.db.models import AuditLog, Contact, Person
from cuijiao_desktop.services.dto import CLI_USER
from cuijiao_desktop.services.visits import visit_route

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple:
    """A small demo database, the first day of its coming week with visits, and that day's route."""
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.sqlite3'}"
    assert main(["--db", url, "demo", "--rooms", "60", "--months", "12", "--seed", "5",
                 "--today", TODAY.isoformat()]) == 0
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as s:
            for offset in range(8):
                route = visit_route(s, actor=CLI_USER, day=TODAY + timedelta(days=offset))
                if route.stops:
                    break
            names = set(s.scalars(select(Person.name)).all())
            phones = set(s.scalars(select(Contact.value)).all())
    finally:
        engine.dispose()
    assert route.stops, "the demo plans visits in its coming week"
    return url, route, (names, phones)


def _text(path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"[ \t]+", "", out)


def test_visits_prints_the_days_sheets_and_one_teams(demo, tmp_path, capsys):
    url, route, (names, phones) = demo
    day = route.day.isoformat()
    out = tmp_path / "v.pdf"
    assert main(["--db", url, "visits", "--date", day, "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert f"已生成上门催缴路线单：{day}" in said and f"{len(route.stops)} 户：{out}" in said and "审计" in said
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as s:
            logged = s.scalars(select(AuditLog).where(AuditLog.action == "visit.sheet_print")).all()
    finally:
        engine.dispose()
    assert len(logged) == 1 and logged[0].entity_id == day and "v.pdf" in logged[0].detail
    text = _text(out)
    assert text.count("上门催缴路线单") >= 1 and "业主签字" in text and "第1页/共" in text
    positions = [text.index(stop.room_code) for stop in route.stops if stop.team == route.stops[0].team]
    assert positions == sorted(positions)  # walking order
    for stop in route.stops:
        assert stop.room_code in text and (stop.notice is None or stop.notice.serial in text)
        assert (not stop.owner or stop.owner not in text) and (not stop.owner_masked or stop.owner_masked in text)
    assert not any(name in text for name in names if len(name) > 1)  # owners masked (staff are not owners)
    assert not any(phone in text for phone in phones)

    team = route.stops[0].team
    one = tmp_path / "one.pdf"
    assert main(["--db", url, "visits", "--date", day, "--team", team, "--out", str(one)]) == 0
    assert "1 个小组" in capsys.readouterr().out
    assert f"小组：{team}" in _text(one) and all(
        (s.room_code in _text(one)) == (s.team == team) for s in route.stops)
    ours = [s.room_code for s in route.stops if s.team == team]  # the same walk printed alone or with the others
    alone = _text(one)
    assert sorted(ours, key=alone.index) == ours == sorted(ours, key=text.index)

    member = route.stops[0].staff[0]  # a member's day is one sheet, whatever the labels of its visits
    assert main(["--db", url, "visits", "--date", day, "--team", member.username, "--out", str(one)]) == 0
    assert "1 个小组" in capsys.readouterr().out
    text = _text(one)
    assert all((s.room_code in text) == any(p.user_id == member.user_id for p in s.staff) for s in route.stops)
    labels = {s.team for s in route.stops if any(p.user_id == member.user_id for p in s.staff)}
    assert f"小组：{labels.pop() if len(labels) == 1 else member.name}" in text


def test_visits_refuses_a_day_without_visits_an_unknown_team_and_not_a_pdf(demo, tmp_path, capsys):
    url, route, _ = demo
    out = tmp_path / "v.pdf"
    assert main(["--db", url, "visits", "--date", "2026-12-25", "--out", str(out)]) == EXIT_RULE
    assert "2026-12-25 没有待上门的安排" in capsys.readouterr().err and not out.exists()
    assert main(["--db", url, "visits", "--date", route.day.isoformat(), "--team", "不存在的组",
                 "--out", str(out)]) == EXIT_RULE
    err = capsys.readouterr().err
    assert "小组“不存在的组”" in err and f"当天有上门安排的小组：{route.stops[0].team}" in err and not out.exists()
    assert main(["--db", url, "visits", "--date", route.day.isoformat(), "--out", str(tmp_path / "v.txt")]) == EXIT_IO
    assert "须为 .pdf" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--db", url, "visits", "--date", "2026-13-01", "--out", str(out)])
    assert "--date" in capsys.readouterr().err
