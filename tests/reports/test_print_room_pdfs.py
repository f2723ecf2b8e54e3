"""Print room PDFs read back with pdftotext: notices, boards, statement, dossier.

Room codes, amounts and serials are in the text, the font is embedded, one page per notice
issued; the arrears board holds no owner name and no phone number of the database.
"""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess

import pytest
from print_room_data import ROOMS, TODAY, make_arrears
from sqlalchemy import func, select

from cuijiao_desktop.db.models import Contact, Notice, Person
from cuijiao_desktop.domain.enums import Role
from cuijiao_desktop.domain.errors import DomainError
from cuijiao_desktop.reports.board_pdf import write_board
from cuijiao_desktop.reports.dossier_pdf import write_dossier
from cuijiao_desktop.reports.notice_pdf import issue_and_write, write_notices_pdf
from cuijiao_desktop.reports.statement_pdf import write_statement
from cuijiao_desktop.services.notices import NoticeSelection, plan_notices
from cuijiao_desktop.services.tx import Transactions

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def _text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def _pages(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def _embedded(path) -> bool:
    table = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in table.splitlines()[2:]]
    return bool(rows) and all(r[-5] == "yes" and r[-4] == "yes" for r in rows)


def _png(colour: tuple[int, int, int]) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGBA", (60, 60), (*colour, 200)).save(out, "PNG")
    return out.getvalue()


def test_issued_notices_pdf_has_rooms_amounts_serials_one_page_each(session_factory, users, tmp_path):
    make_arrears(session_factory)
    out = tmp_path / "n.pdf"
    with session_factory.begin() as s:
        printed = issue_and_write(s, actor=users[Role.CLERK], selection=NoticeSelection(), today=TODAY,
                                  out_path=out, data_dir=tmp_path)
    assert not out.exists() and printed.part.exists()  # published only after the commit
    printed.publish()
    with session_factory() as s:
        issued = s.scalar(select(func.count()).select_from(Notice))
    assert _pages(out) == issued == 3
    assert _embedded(out)
    text = _text(out)
    for code in ROOMS:
        assert code in text
    for serial in ("TZ202611000001", "TZ202611000002", "TZ202611000003"):
        assert serial in text
    assert "2,500.00" in text and "1,000.00" in text and "500.00" in text  # 10, 4 and 2 months of ¥250
    assert "贰仟伍佰元整" in text and "温馨提示" in text and "如已缴请忽略" in text and "回" in text
    assert "6222000011112222" in text and "0571-88886666" in text


def test_level_six_slip_asks_for_a_signature_and_a5_puts_two_on_a_sheet(session_factory, users, tmp_path):
    make_arrears(session_factory)
    with session_factory() as s:
        batch = plan_notices(s, selection=NoticeSelection(level=6), today=TODAY, data_dir=tmp_path)
    office = dataclasses.replace(batch.office, seal_image=_png((200, 20, 20)), payment_qr_image=_png((0, 0, 0)))
    batch = dataclasses.replace(batch, office=office)
    printed = write_notices_pdf(batch, tmp_path / "six.pdf")
    text = _text(printed.path)
    assert "签收人（签字）" in text and "第六次催缴" in text and "扫码缴费" in text and "预览" in text
    assert printed.pages == _pages(printed.path) == 3
    one = write_notices_pdf(dataclasses.replace(batch, documents=batch.documents[:1]), tmp_path / "one.pdf")
    two_up = write_notices_pdf(batch, tmp_path / "a5.pdf", paper="a5x2")
    assert two_up.pages == _pages(two_up.path) == 2
    assert all(code in _text(two_up.path) for code in ROOMS)
    # the seal and the QR image are stored once per file, not once per page
    assert (tmp_path / "six.pdf").stat().st_size - one.path.stat().st_size < 2 * 10_000


def test_a_failed_or_cancelled_write_records_nothing_and_leaves_no_file(session_factory, users, tmp_path):
    make_arrears(session_factory)
    out = tmp_path / "n.pdf"
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 1  # let the rows be written, then cancel while the PDF is drawn

    with pytest.raises(DomainError) as err, session_factory.begin() as s:
        issue_and_write(s, actor=users[Role.CLERK], selection=NoticeSelection(), today=TODAY, out_path=out,
                        data_dir=tmp_path, cancel=cancel)
    assert err.value.code == "task.cancelled"
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Notice)) == 0
    assert list(tmp_path.glob("n.pdf*")) == []


def test_arrears_board_shows_no_names_or_phones_of_the_database(session_factory, users, tmp_path):
    make_arrears(session_factory)
    board, path = write_board(Transactions(session_factory), actor=users[Role.MANAGER], kind="arrears",
                              out_path=tmp_path / "b.pdf", data_date=TODAY, today=TODAY)
    text = _text(path)
    flat = re.sub(r"\s+", "", text)
    with session_factory() as s:
        names = s.scalars(select(Person.name)).all()
        phones = s.scalars(select(Contact.value)).all()
    assert names and phones
    for name in names:
        assert name not in flat and name[1:] not in flat
    for phone in phones:
        assert phone not in flat and phone[-4:] not in flat
    assert "15**" in text and "16**" in text and "30*" in text  # masked rooms
    assert "3-2-1502" not in text and "1502" not in flat
    assert "2,500.00" in text and "数据截至2026年11月23日，已缴请忽略" in flat and "测试物业服务中心" in text
    assert _embedded(path) and len(board.lines) == 3


def test_thanks_board_lists_fully_paid_households(session_factory, users, tmp_path):
    from cuijiao_desktop.domain.enums import PaymentMethod
    from cuijiao_desktop.services.payments import record_payment

    ids = make_arrears(session_factory)
    with session_factory.begin() as s:
        record_payment(s, actor=users[Role.CLERK], room_id=ids["5-1-302"], amount_fen=50_000, paid_on=TODAY,
                       method=PaymentMethod.CASH, today=TODAY)
    board, path = write_board(Transactions(session_factory), actor=users[Role.MANAGER], kind="thanks",
                              out_path=tmp_path / "t.pdf", data_date=TODAY, today=TODAY, period_from=202601,
                              period_to=202602)
    assert [x.room_id for x in board.lines] == [ids["5-1-302"]]
    text = _text(path)
    assert "鸣谢" in text and "5栋1单元" in text and "30*" in text and "王五" not in text


def test_statement_and_dossier(session_factory, users, tmp_path):
    ids = make_arrears(session_factory)
    with session_factory.begin() as s:
        issue_and_write(s, actor=users[Role.CLERK], selection=NoticeSelection(), today=TODAY,
                        out_path=tmp_path / "n.pdf", data_dir=tmp_path).discard()
    tx = Transactions(session_factory)
    st = write_statement(tx, actor=users[Role.CLERK], room_id=ids["3-2-1502"], period_from=202601,
                         period_to=202611, today=TODAY, out_path=tmp_path / "s.pdf")
    d = write_dossier(tx, actor=users[Role.MANAGER], room_id=ids["3-2-1502"], today=TODAY,
                      out_path=tmp_path / "d.pdf")
    text = _text(st)
    assert "对" in text and "3-2-1502" in text and "2,500.00" in text and "2026-10" in text
    text = _text(d)
    flat = re.sub(r"\s+", "", text)
    assert "律" in text and "3-2-1502" in text and "欧阳娜娜" in text and "2,500.00" in text
    assert "TZ202611000001" in text and "未登记送达" in flat and "2029-10-10" in text  # limitation of 2026-10
    assert _embedded(d) and _pages(d) >= 2
    with pytest.raises(DomainError):
        write_dossier(tx, actor=users[Role.CLERK], room_id=ids["3-2-1502"], today=TODAY, out_path=tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists() and list(tmp_path.glob(".x-*")) == []


@pytest.mark.skipif(shutil.which("zbarimg") is None or shutil.which("pdftoppm") is None,
                    reason="zbar-tools not installed")
def test_the_slip_qr_code_reads_back_as_the_serial(session_factory, users, tmp_path):
    make_arrears(session_factory)
    with session_factory.begin() as s:
        printed = issue_and_write(s, actor=users[Role.CLERK], selection=NoticeSelection(), today=TODAY,
                                  out_path=tmp_path / "n.pdf", data_dir=tmp_path)
    path = printed.publish()
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", "2", "-l", "2", "-singlefile", str(path),
                    str(tmp_path / "p2")], check=True)
    found = subprocess.run(["zbarimg", "-q", "--raw", str(tmp_path / "p2.png")], capture_output=True, text=True,
                           check=False)
    assert found.stdout.split() == [printed.batch.documents[1].serial]
