"""Save screenshots of the main pages and the sign-in dialog.

    python scripts/screenshots.py --out docs/screenshots --db URL [--user NAME] [--lang zh_CN|en]

Opens the program on ``URL`` as a demo user (signed in through ``services.auth.login``,
without the dialog), shows each page of the main window and the sign-in dialog, and
writes ``NN-name.png`` files. Run it on a real (virtual) screen: scripts/screenshots.sh
starts Xvfb. UI settings go to a temporary folder, never to the user's own.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from cuijiao_desktop.app import choose_ui_font, create_application, demo_user_hint, install_translators
from cuijiao_desktop.settings import UiSettings
from cuijiao_desktop.tasks import SyncTaskRunner

PAGE_NAMES = ("workbench", "owners", "arrears", "contacts", "visits", "notices", "reports", "settings")


def _settle(app: QApplication, widget: QWidget) -> None:
    for _ in range(5):
        app.processEvents()
    widget.repaint()
    app.processEvents()


def _save(widget: QWidget, path: Path) -> None:
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(f"wrote {path}")


def _demo_credentials(user: str | None, password: str | None) -> tuple[str, str, list[str]]:
    try:
        from cuijiao_desktop.services import demo
    except ImportError:
        demo = None
    demo_users = demo_user_hint(demo.DEMO_USERS) if demo is not None else []
    if user is None:
        if demo is None:
            raise SystemExit("--user is needed (cuijiao_desktop.services.demo is not available)")
        managers = [u[0] for u in demo.DEMO_USERS if str(u[2]) == "manager"]
        user = managers[0] if managers else demo.DEMO_USERS[0][0]
    if password is None:
        if demo is None:
            raise SystemExit("--password is needed (cuijiao_desktop.services.demo is not available)")
        password = demo.DEMO_PASSWORD
    return user, password, demo_users


def main(argv: list[str] | None = None) -> int:
    """Write the screenshots; returns the exit status."""
    parser = argparse.ArgumentParser(description="Save screenshots of the desktop program.")
    parser.add_argument("--db", required=True, metavar="URL", help="database URL (a demo database)")
    parser.add_argument("--out", default="docs/screenshots", type=Path, help="output folder")
    parser.add_argument("--user", help="user name (default: the demo manager)")
    parser.add_argument("--password", help="password (default: the demo password)")
    parser.add_argument("--lang", default="zh_CN", choices=("zh_CN", "en"))
    parser.add_argument("--size", default="1280x800", help="window size WxH")
    parser.add_argument("--today", type=date.fromisoformat, help="the date the workbench treats as today")
    args = parser.parse_args(argv)
    width, height = (int(x) for x in args.size.lower().split("x"))
    args.out.mkdir(parents=True, exist_ok=True)

    app = create_application([])
    install_translators(app, args.lang)
    choose_ui_font(app)

    from PySide6.QtTest import QTest

    from cuijiao_desktop.db.engine import describe_url, make_engine, make_session_factory
    from cuijiao_desktop.db.migrate import prepare_database
    from cuijiao_desktop.services import auth, office
    from cuijiao_desktop.views.dialogs.first_admin_dialog import FirstAdminDialog
    from cuijiao_desktop.views.dialogs.login_dialog import LoginDialog
    from cuijiao_desktop.views.main_window import MainWindow

    prepare_database(args.db)
    engine = make_engine(args.db)
    factory = make_session_factory(engine)
    username, password, demo_users = _demo_credentials(args.user, args.password)
    with factory.begin() as session:
        user = auth.login(session, username=username, password=password)
        office_dto = office.get_office(session)

    with tempfile.TemporaryDirectory() as tmp:
        settings = UiSettings(QSettings(str(Path(tmp) / "ui.ini"), QSettings.Format.IniFormat))
        settings.language = args.lang
        runner = SyncTaskRunner(factory)
        today = args.today or date.today()
        window = MainWindow(
            runner, user, settings, db_url=args.db, db_description=describe_url(args.db), today=lambda: today
        )
        window.resize(width, height)
        window.show()
        _settle(app, window)
        login = LoginDialog(
            runner, settings, office_name=office_dto.name,
            demo_users=demo_users if office_dto.is_demo else None,
            demo_password=password if office_dto.is_demo else None,
        )
        login.ui.usernameEdit.setText(username)
        login.show()
        _settle(app, login)
        _save(login, args.out / "01-login.png")
        login.close()

        # A new office's first start: the administrator dialog, with a typing mistake caught inline.
        first = FirstAdminDialog(runner)
        first.ui.usernameEdit.setText("admin")
        first.ui.displayNameEdit.setText("张经理")
        first.ui.passwordEdit.setText("jinxiu-2026")
        first.show()
        QTest.keyClicks(first.ui.confirmEdit, "jinxiu-2025")  # typed, so the inline check runs
        _settle(app, first)
        _save(first, args.out / f"{len(PAGE_NAMES) + 2:02d}-first-admin.png")
        first.close()

        for index, name in enumerate(PAGE_NAMES):
            window.show_page(index)
            _settle(app, window)
            _save(window, args.out / f"{index + 2:02d}-{name}.png")
        window.close()
        runner.shutdown()
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
