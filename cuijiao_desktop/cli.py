"""The command line: the same services as the GUI, for scripts and the office's IT person.

    cuijiao [--db URL] [--user NAME] COMMAND …

Errors print one line on stderr and exit non-zero (1: refused by a rule, 2: the
database or a file could not be used).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path

from cuijiao_desktop import __version__
from cuijiao_desktop.domain.enums import PaymentMethod, Role
from cuijiao_desktop.domain.errors import DomainError

EXIT_RULE = 1
EXIT_IO = 2

def describe_error(exc: BaseException) -> str:
    """One line of Chinese for an error (the GUI's wording, through its zh_CN translation)."""
    from cuijiao_desktop import messages

    with messages.translated_without_app("zh_CN"):
        return messages.error_message(exc).replace("\n", " ")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="cuijiao", description="物业费催缴 命令行工具")
    p.add_argument("--version", action="version", version=f"cuijiao {__version__}")
    p.add_argument("--db", metavar="URL", help="数据库 URL（默认：$CUIJIAO_DB_URL，否则用户数据目录中的 SQLite 文件）")
    p.add_argument("--user", metavar="NAME",
                   help="以此用户身份操作（密码取自 $CUIJIAO_PASSWORD 或提示输入）；默认为系统用户 cli")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    demo = sub.add_parser("demo", help="在空数据库中生成逼真的演示数据")
    demo.add_argument("--rooms", type=int, default=2000, help="房间数（默认 2000）")
    demo.add_argument("--months", type=int, default=36, help="账单月数（默认 36）")
    demo.add_argument("--seed", type=int, default=1, help="随机种子：相同种子生成相同数据")
    demo.add_argument("--today", type=date.fromisoformat, help="以此日期为“今天”（YYYY-MM-DD）")

    db = sub.add_parser("db", help="数据库维护")
    db_sub = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    db_sub.add_parser("upgrade", help="备份后升级到最新结构")
    db_sub.add_parser("status", help="显示数据库位置与结构版本")
    db_sub.add_parser("check", help="核对账目：缓存的已缴金额与收款分配是否一致")

    backup = sub.add_parser("backup", help="备份数据库")
    backup.add_argument("--out", type=Path, help="备份文件（默认：数据目录 backups/ 下带时间的文件）")

    imp = sub.add_parser("import", help="从 Excel/CSV 导入房屋与业主、应收账单或实收记录（全部成功或全部不导入）")
    imp.add_argument("kind", choices=["rooms", "bills", "payments"], help="rooms 房屋与业主；bills 应收账单；payments 实收")
    imp.add_argument("file", type=Path, help=".xlsx、.xls 或 .csv 文件（CSV 可为 UTF-8 或 GBK）")
    imp.add_argument("--sheet", metavar="NAME", help="工作表名称（默认第一个）")
    imp.add_argument("--estate", metavar="NAME", help="导入到此小区（只有一个小区时可省略；房屋导入时不存在则新建）")
    imp.add_argument("--method", metavar="WAY", help="实收记录没有缴费方式列时使用的方式，如 托收、银行转账")
    imp.add_argument("--dry-run", action="store_true", help="只检查并显示结果，不写入数据库")
    imp.add_argument("--report", type=Path, metavar="FILE.xlsx", help="把被拒绝的行及原因写入此文件")
    imp.add_argument("--accept-valid", action="store_true", help="有被拒绝的行时，仍导入其余有效的行")
    imp.add_argument("--today", type=date.fromisoformat, help=argparse.SUPPRESS)

    exp = sub.add_parser("export", help="导出房屋与业主（可再导入）或欠费明细到 .xlsx 或 .csv")
    exp.add_argument("what", choices=["rooms", "arrears"], help="rooms 房屋与业主；arrears 欠费明细")
    exp.add_argument("file", type=Path, help="目标文件（.xlsx 或 .csv）")
    exp.add_argument("--estate", metavar="NAME", help="导出此小区的房屋（只有一个小区时可省略）")
    exp.add_argument("--today", type=date.fromisoformat, help=argparse.SUPPRESS)

    user = sub.add_parser("user", help="用户管理")
    user_sub = user.add_subparsers(dest="user_command", required=True, metavar="ACTION")
    add = user_sub.add_parser("add", help="新增用户（密码取自 $CUIJIAO_NEW_PASSWORD 或提示输入）")
    add.add_argument("username")
    add.add_argument("--name", required=True, help="显示名")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    user_sub.add_parser("list", help="列出用户")
    return p


def _url(args: argparse.Namespace) -> str:
    from cuijiao_desktop.datadir import resolve_database_url

    return resolve_database_url(args.db)[0]


def _actor(args: argparse.Namespace, factory):
    from cuijiao_desktop.services import auth
    from cuijiao_desktop.services.dto import CLI_USER

    if not args.user:
        return CLI_USER
    password = os.environ.get("CUIJIAO_PASSWORD")
    if password is None:
        if not sys.stdin.isatty():
            raise DomainError("cli.password_required", variable="CUIJIAO_PASSWORD")
        password = getpass.getpass(f"{args.user} 的密码：")
    with factory.begin() as s:
        attempt = auth.attempt_login(s, username=args.user, password=password)
    if attempt.error is not None:
        raise attempt.error
    return attempt.user


def _new_password(username: str) -> str:
    password = os.environ.get("CUIJIAO_NEW_PASSWORD")
    if password is not None:
        return password
    if not sys.stdin.isatty():
        raise DomainError("cli.password_required", variable="CUIJIAO_NEW_PASSWORD")
    first = getpass.getpass(f"{username} 的新密码：")
    if getpass.getpass("再输入一次：") != first:
        raise DomainError("auth.passwords_differ")
    return first


def _progress(done: int, total: int, text: str) -> None:
    if sys.stderr.isatty():
        pct = 100 * done // total if total else 100
        print(f"\r{text} {pct:3d}%", end="", file=sys.stderr, flush=True)


EXIT_REJECTED = 3
_SHOWN_REJECTIONS = 10


class _LineProgress:
    """Progress on stderr: one updating line on a terminal, a line per 10 % otherwise (logs, tests)."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.last = -10

    def __call__(self, done: int, total: int, text: str = "") -> None:
        pct = 100 * done // total if total else 0
        if sys.stderr.isatty():
            print(f"\r{self.label}{text and '：' + text} {pct:3d}%", end="", file=sys.stderr, flush=True)
        elif pct >= self.last + 10:
            self.last = pct - pct % 10
            print(f"{self.label}{text and '：' + text} {pct}%", file=sys.stderr, flush=True)

    def done(self) -> None:
        if sys.stderr.isatty():
            print(file=sys.stderr)


def _print_plan(plan, *, committed: bool) -> None:
    from cuijiao_desktop.importing.headers import KIND_ZH

    estate = plan.estate_name + ("（新建）" if plan.estate_is_new else "")
    state = "已导入" if committed else "检查结果（未写入）"
    print(f"{KIND_ZH[plan.kind]} {state}：{plan.file_name}［{plan.sheet}］→ {estate}")
    print(plan.summary_zh())
    for x in plan.rejected[:_SHOWN_REJECTIONS]:
        print(f"  第 {x.line} 行：{x.reason_text}")
    if plan.rejected_count > _SHOWN_REJECTIONS:
        print(f"  …… 另有 {plan.rejected_count - _SHOWN_REJECTIONS} 行被拒绝")


def _run_import(args: argparse.Namespace, factory, actor) -> int:
    from cuijiao_desktop.importing.headers import ImportKind, detect_header
    from cuijiao_desktop.importing.normalize import norm_method
    from cuijiao_desktop.importing.readers import read_sheet
    from cuijiao_desktop.services.imports import commit_import, plan_import

    kind = ImportKind(args.kind)
    method = None
    if args.method:
        method = norm_method(args.method)
        if method is None or not isinstance(method, PaymentMethod):
            print(f"错误：{getattr(method, 'reason', '缴费方式无法识别')}", file=sys.stderr)
            return EXIT_RULE
    try:
        sheet = read_sheet(args.file, sheet=args.sheet)
    except DomainError as exc:
        print(f"错误：{describe_error(exc)}", file=sys.stderr)
        return EXIT_IO
    guess = detect_header(kind, sheet.rows)
    if not guess.found:
        print(f"错误：{describe_error(DomainError('import.no_header', kinds=args.kind))}", file=sys.stderr)
        return EXIT_IO
    today = args.today or date.today()
    options = {"estate": args.estate, "today": today, "default_method": method}
    progress = _LineProgress("检查")
    with factory() as s:
        plan = plan_import(s, sheet, guess, progress=progress, **options)
    progress.done()
    if args.report is not None:
        from cuijiao_desktop.importing.rejections import write_rejected

        write_rejected(args.report, sheet, plan.header_row, plan.rejected)
    if args.dry_run or (plan.rejected and not args.accept_valid):
        _print_plan(plan, committed=False)
        if plan.rejected and not args.dry_run:
            print("有被拒绝的行，未导入任何数据（修正后重试，或用 --accept-valid 只导入有效的行）")
        if args.report is not None:
            print(f"被拒绝的行已写入：{args.report}")
        return EXIT_REJECTED if plan.rejected else 0
    progress = _LineProgress("写入")
    with factory.begin() as s:
        result = commit_import(s, sheet, guess, actor=actor, accept_valid=args.accept_valid, preview=plan,
                               progress=progress, **options)
    progress.done()
    _print_plan(result.plan, committed=True)
    if args.report is not None:
        print(f"被拒绝的行已写入：{args.report}")
    return EXIT_REJECTED if result.plan.rejected else 0


def _run_export(args: argparse.Namespace, factory, actor) -> int:
    from cuijiao_desktop.reports.xlsx import write_table
    from cuijiao_desktop.services import exports

    suffix = args.file.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        print(f"错误：只能导出为 .xlsx 或 .csv，不能是“{args.file.suffix or '无扩展名'}”", file=sys.stderr)
        return EXIT_IO
    with factory.begin() as s:
        if args.what == "rooms":
            table = exports.rooms_table(s, actor=actor, estate=args.estate)
            n = write_table(args.file, table.columns, table.rows, sheet_title=table.sheet_title, title=table.title,
                            subtitle=table.subtitle, totals_label=table.totals_label)
        else:
            from cuijiao_desktop.reports.arrears_xlsx import write_arrears_csv, write_arrears_xlsx

            today = args.today or date.today()
            rows = exports.arrears_rows(s, actor=actor, today=today)
            if suffix == ".csv":
                n = write_arrears_csv(rows, args.file)
            else:
                n = write_arrears_xlsx(rows, args.file, title="欠费明细", subtitle=f"截至 {today.isoformat()}，共 {len(rows):,} 户")
        exports.record_export(s, actor=actor, what=args.what, file_name=args.file.name, rows=n)
    print(f"已导出 {n} 行：{args.file}")
    return 0


def run(args: argparse.Namespace) -> int:
    """Carry out a parsed command; returns the exit code."""
    from cuijiao_desktop.db.engine import describe_url, make_engine, make_session_factory, sqlite_path
    from cuijiao_desktop.db.migrate import current_revision, head_revision, prepare_database

    url = _url(args)
    if args.command == "db" and args.db_command == "upgrade":
        backup = prepare_database(url)
        print(f"数据库已是最新结构（{head_revision()}）：{describe_url(url)}")
        if backup:
            print(f"升级前备份：{backup}")
        return 0
    if args.command == "backup":
        from cuijiao_desktop.services.maintenance import backup_database

        out = args.out
        if out is None:
            from cuijiao_desktop.datadir import app_data_dir

            suffix = ".sqlite3" if sqlite_path(url) is not None else ".dump"  # pg_dump's custom format
            out = app_data_dir() / "backups" / f"cuijiao-{datetime.now():%Y%m%d-%H%M%S}{suffix}"
        print(f"已备份到：{backup_database(url, out)}")
        return 0

    prepare_database(url)
    engine = make_engine(url)
    factory = make_session_factory(engine)
    try:
        if args.command == "db" and args.db_command == "status":
            print(f"数据库：{describe_url(url)}")
            print(f"结构版本：{current_revision(engine)}（最新：{head_revision()}）")
            return 0
        actor = _actor(args, factory)
        if args.command == "db" and args.db_command == "check":
            from cuijiao_desktop.services.payments import ledger_discrepancies

            with factory() as s:
                problems = ledger_discrepancies(s)
            for line in problems:
                print(line)
            print("账目一致" if not problems else f"发现 {len(problems)} 处不一致")
            return 0 if not problems else EXIT_RULE
        if args.command == "demo":
            from cuijiao_desktop.services.demo import DEMO_PASSWORD, DEMO_USERS, build_demo

            started = time.perf_counter()
            summary = build_demo(engine, rooms=args.rooms, months=args.months, seed=args.seed, today=args.today,
                                 progress=_progress)
            if sys.stderr.isatty():
                print(file=sys.stderr)
            counts = ", ".join(f"{k}={v}" for k, v in asdict(summary).items() if isinstance(v, int))
            print(f"演示数据已生成（{time.perf_counter() - started:.1f} 秒）：{counts}")
            print(f"演示用户：{', '.join(u[0] for u in DEMO_USERS)}；密码：{DEMO_PASSWORD}")
            return 0
        if args.command == "import":
            return _run_import(args, factory, actor)
        if args.command == "export":
            return _run_export(args, factory, actor)
        if args.command == "user":
            from cuijiao_desktop.services import auth

            if args.user_command == "list":
                with factory() as s:
                    for u in auth.list_users(s):
                        print(f"{u.username}\t{u.display_name}\t{u.role.value}")
                return 0
            password = _new_password(args.username)
            with factory.begin() as s:
                new = auth.create_user(s, actor=actor, username=args.username, display_name=args.name,
                                       role=Role(args.role), password=password)
            print(f"已新增用户 {new.username}（{new.role.value}）")
            return 0
    finally:
        engine.dispose()
    raise AssertionError(args.command)  # argparse only lets known commands through


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``cuijiao``."""
    args = _parser().parse_args(argv)
    try:
        return run(args)
    except DomainError as exc:
        print(f"错误：{describe_error(exc)}", file=sys.stderr)
        return EXIT_RULE
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return 130
    except Exception as exc:
        from sqlalchemy.exc import SQLAlchemyError

        if isinstance(exc, (SQLAlchemyError, OSError, ValueError)):
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            print(f"错误：无法使用数据库或文件：{first}", file=sys.stderr)
            return EXIT_IO
        raise


if __name__ == "__main__":
    sys.exit(main())
