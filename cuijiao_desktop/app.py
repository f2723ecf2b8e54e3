"""Composition root of the desktop program.

Order of start-up: QApplication → translators and font → splash → back up and
migrate the database (off the GUI thread) → optional demo data → first
administrator if there are no users → sign-in → main window.

Heavy modules (SQLAlchemy via ``cuijiao_desktop.db``, the services, the views) are
imported after the splash is on screen; report libraries are never imported here.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QObject,
    Qt,
    QTranslator,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QSplashScreen, QVBoxLayout

from cuijiao_desktop import __version__
from cuijiao_desktop.datadir import ENV_URL, resolve_database_url, set_application_names
from cuijiao_desktop.paths import icon_path, translations_dir
from cuijiao_desktop.settings import LANGUAGES, UiSettings
from cuijiao_desktop.tasks import TaskHandle, TaskRunner, run_with_progress, wait_for

log = logging.getLogger(__name__)


# CJK-capable UI fonts, best first (Windows, macOS, Linux).
CJK_FONTS = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Noto Sans SC",
    "SimSun",
    "NSimSun",
)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse our flags; Qt's own flags (``-platform`` …) are left to QApplication."""
    parser = argparse.ArgumentParser(prog="cuijiao-desktop", description="物业费催缴 desktop program")
    parser.add_argument("--db", metavar="URL", help=f"database URL (default: ${ENV_URL}, else a local SQLite file)")
    parser.add_argument("--lang", choices=LANGUAGES, help="user-interface language (default: saved, else zh_CN)")
    parser.add_argument("--demo-if-empty", action="store_true", help="fill the default database with demo data when it is empty "
                        "(never a database named with --db or $CUIJIAO_DB_URL: use `cuijiao --db URL demo`)")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    args, _qt_args = parser.parse_known_args(list(argv) if argv is not None else sys.argv[1:])
    return args


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication with our names set (reuses an existing instance)."""
    set_application_names()
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0], *(argv if argv is not None else sys.argv[1:])])
    QGuiApplication.setApplicationDisplayName("物业费催缴")
    return app


_installed: list[QTranslator] = []


def install_translators(app: QCoreApplication, lang: str) -> list[QTranslator]:
    """Install our translation and Qt's own for ``lang`` (English needs none); returns them."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if lang == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return []
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    ours = QTranslator(app)
    if ours.load(f"cuijiao_{lang}", str(translations_dir())):
        app.installTranslator(ours)
        _installed.append(ours)
    else:
        log.warning("translation cuijiao_%s not found in %s", lang, translations_dir())
    # Qt's own dialogs and buttons (QFileDialog, QMessageBox …): Qt's translation, then ours of the
    # strings it lacks (installed last, so asked first). Qt's file is looked for where Qt keeps it,
    # then beside ours (a build that left Qt's translations out can ship it there).
    qt = QTranslator(app)
    if any(qt.load(f"qtbase_{lang}", folder) for folder in (
            QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), str(translations_dir()))):
        app.installTranslator(qt)
        _installed.append(qt)
    else:
        log.warning("Qt's translation qtbase_%s not found: Qt's own dialogs stay in English", lang)
    extra = QTranslator(app)
    if extra.load(f"qtbase_extra_{lang}", str(translations_dir())):
        app.installTranslator(extra)
        _installed.append(extra)
    return list(_installed)


def choose_ui_font(app: QApplication) -> str | None:
    """Use the first CJK-capable font present so Chinese never renders as boxes."""
    available = set(QFontDatabase.families())
    for family in CJK_FONTS:
        if family in available:
            font = QFont(app.font())
            font.setFamilies([family, *font.families()])
            if font.pointSizeF() < 10:
                font.setPointSizeF(10)
            app.setFont(font)
            return family
    for family in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        font = QFont(app.font())
        font.setFamilies([family, *font.families()])
        app.setFont(font)
        return family
    log.warning("no CJK font found: Chinese may show as boxes")
    return None


def demo_user_hint(demo_users: Sequence[tuple[str, str, Any]]) -> list[str]:
    """One demo user name per role, in the order given (keeps the sign-in hint to one line)."""
    seen: set[str] = set()
    names: list[str] = []
    for username, _display, role in demo_users:
        if str(role) not in seen:
            seen.add(str(role))
            names.append(username)
    return names


def _splash() -> QSplashScreen:
    pixmap = QPixmap(520, 240)
    pixmap.fill(QColor("#FFFFFF"))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillRect(0, 0, 520, 8, QColor("#1F6FB2"))
    from PySide6.QtGui import QIcon

    painter.drawPixmap(36, 64, QIcon(str(icon_path("app"))).pixmap(72, 72))
    font = QFont(QApplication.font())
    font.setPointSizeF(font.pointSizeF() * 2.0)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#1F3B57"))
    painter.drawText(130, 96, QCoreApplication.translate("app", "Property fee collection"))
    small = QFont(QApplication.font())
    painter.setFont(small)
    painter.setPen(QColor("#5F6B7A"))
    painter.drawText(132, 126, f"v{__version__}")
    painter.end()
    splash = QSplashScreen(pixmap)
    return splash


def _show_message(splash: QSplashScreen | None, text: str) -> None:
    if splash is not None:
        splash.showMessage(text, Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignHCenter, QColor("#44546A"))
        QApplication.processEvents()


def _run_and_wait(runner: TaskRunner, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> TaskHandle:
    return wait_for(runner.submit(fn, *args, on_error=lambda _e: None, **kwargs))


class Controller(QObject):
    """Keeps the runner, database and current window alive; handles log-out, language changes and a
    switch to another database (设置 → 数据库)."""

    sig_daily_backup = Signal(object)  # the day's backup (a record) or why it failed, from its thread

    def __init__(self, app: QApplication, settings: UiSettings, runner: TaskRunner, url: str,
                 cli_url: str | None = None) -> None:
        super().__init__(app)
        self.app = app
        self.settings = settings
        self.runner = runner
        self.url = url
        self.cli_url = cli_url
        self.sig_daily_backup.connect(self._on_daily_backup)
        self.window = None
        self.user = None
        self.engine = None
        from cuijiao_desktop.db.engine import describe_url

        self.db_description = describe_url(url)

    def open_database(self, splash: QSplashScreen | None) -> bool:
        """Refuse a newer schema, back up before a migration, migrate; then create the engine and the
        session factories. When the database cannot be opened, offer this desk's connection settings
        and try again; False when the user gives up."""
        from cuijiao_desktop.db.engine import (
            describe_url,
            make_engine,
            make_read_session_factory,
            make_session_factory,
        )
        from cuijiao_desktop.db.migrate import prepare_database
        from cuijiao_desktop.settings import Keys

        while True:
            _show_message(splash, QCoreApplication.translate("app", "Checking the database…"))
            handle = _run_and_wait(
                self.runner, prepare_database, self.url, keep_days=max(1, self.settings.get(Keys.BACKUP_KEEP_DAYS)),
                with_session=False,
            )
            if handle.error is None:
                break
            log.error("opening %s failed", self.db_description, exc_info=handle.error)
            if splash is not None:
                splash.hide()
            if not self.ask_for_connection(handle.error):
                return False
            self.db_description = describe_url(self.url)
        self.engine = make_engine(self.url)
        self.runner.set_session_factory(make_session_factory(self.engine), make_read_session_factory(self.engine))
        from cuijiao_desktop.views.dialogs import file_dialogs

        file_dialogs.set_after_dialog_hook(self.verify_database_locks)
        return True

    def ask_for_connection(self, error: BaseException) -> bool:
        """The database could not be opened: say why and offer 数据库设置 (this desk's connection).
        True when a new connection was saved (try again)."""
        from cuijiao_desktop.messages import error_message

        title = QCoreApplication.translate("app", "Property fee collection")
        text = QCoreApplication.translate("app", "The database could not be opened: {db}").format(db=self.db_description)
        box = QMessageBox(QMessageBox.Icon.Critical, title, f"{text}\n\n{error_message(error)}")
        settings_button = box.addButton(QCoreApplication.translate("app", "Database settings…"),
                                        QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if box.clickedButton() is not settings_button:
            return False
        from cuijiao_desktop.datadir import resolve_database_url
        from cuijiao_desktop.views.pages.database_settings import DatabaseSection

        dialog = QDialog()
        dialog.setWindowTitle(QCoreApplication.translate("app", "Database settings"))
        layout = QVBoxLayout(dialog)
        section = DatabaseSection(self.runner, None, self.settings, db_url=self.url, db_description=self.db_description,
                                  startup=True)
        section.sig_reconnect_requested.connect(dialog.accept)
        layout.addWidget(section)
        dialog.resize(620, 480)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.url = resolve_database_url(self.cli_url)[0]
        return True

    def verify_database_locks(self) -> None:
        """After every file dialog: this process must still hold its SQLite locks (``db/filelocks.py``).
        If some code dropped them, reconnect at once so SQLite takes them again (and say so in the log)."""
        from cuijiao_desktop.db.engine import sqlite_path
        from cuijiao_desktop.db.filelocks import locks_intact

        db_file = sqlite_path(self.url)
        if db_file is None or self.engine is None or locks_intact(db_file) is not False:
            return
        log.error("the SQLite locks on %s were dropped by this process: reconnecting", db_file)
        self.runner.submit(self.engine.dispose, with_session=False, on_error=lambda _e: None)

    def start_daily_backup(self) -> None:
        """The first start of the day makes the day's backup, beside the work (a thread of its own:
        the database thread stays free); the status bar shows it when done."""
        import threading

        from cuijiao_desktop.services.backups import run_daily_backup
        from cuijiao_desktop.settings import Keys

        keep_days = max(1, self.settings.get(Keys.BACKUP_KEEP_DAYS))

        def work() -> None:
            try:
                record = run_daily_backup(self.url, keep_days=keep_days)
            except Exception as exc:  # noqa: BLE001 (reported, never fatal)
                log.warning("the daily backup failed: %s", exc)
                self.sig_daily_backup.emit(exc)
                return
            if record is not None:
                self.sig_daily_backup.emit(record)

        threading.Thread(target=work, name="cuijiao-daily-backup", daemon=True).start()

    def _on_daily_backup(self, outcome: object) -> None:
        if self.window is None:
            return
        if isinstance(outcome, BaseException):
            from cuijiao_desktop.messages import error_message

            self.window.statusBar().showMessage(
                QCoreApplication.translate("app", "The daily backup failed: {reason}").format(
                    reason=error_message(outcome)), 15000)
        else:
            self.window.refresh_last_backup()

    def fill_demo_if_empty(self, splash: QSplashScreen | None) -> None:
        """Build demo data with a cancellable progress dialog when the database is empty."""
        from cuijiao_desktop.services import demo, overview

        handle = _run_and_wait(self.runner, overview.database_is_empty)
        if handle.error is not None or not handle.result:
            return
        if splash is not None:
            splash.hide()
        progress = run_with_progress(
            self.runner, None, QCoreApplication.translate("app", "Creating demo data…"), demo.build_demo, self.engine,
            with_session=False, on_error=lambda _e: None, minimum_duration_ms=0,
        )
        wait_for(progress)
        if progress.error is not None:
            self._warn(QCoreApplication.translate("app", "The demo data could not be created."), progress.error)

    def ensure_admin(self) -> bool:
        """Ask for the first administrator when the database has no users; False if cancelled."""
        from cuijiao_desktop.services import auth
        from cuijiao_desktop.settings import Keys
        from cuijiao_desktop.views.dialogs.first_admin_dialog import FirstAdminDialog

        handle = _run_and_wait(self.runner, auth.has_users)
        if handle.error is not None:
            self._fatal(QCoreApplication.translate("app", "The users could not be read."), handle.error)
            return False
        if handle.result:
            return True
        dialog = FirstAdminDialog(self.runner)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.user is None:
            return False
        self.settings.set(Keys.LAST_USERNAME, dialog.user.username)
        return True

    def sign_in(self) -> bool:
        """Show the sign-in dialog; False if cancelled."""
        from cuijiao_desktop.services import office
        from cuijiao_desktop.views.dialogs.login_dialog import LoginDialog

        handle = _run_and_wait(self.runner, office.get_office)
        office_dto = handle.result
        demo_users = demo_password = None
        if office_dto is not None and office_dto.is_demo:
            from cuijiao_desktop.services import demo

            demo_users = demo_user_hint(demo.DEMO_USERS)
            demo_password = demo.DEMO_PASSWORD
        dialog = LoginDialog(
            self.runner, self.settings,
            office_name=office_dto.name if office_dto is not None else "",
            demo_users=demo_users, demo_password=demo_password,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.user is None:
            return False
        self.user = dialog.user
        return True

    def start_of_day(self, today: date) -> None:
        """Upkeep on the database thread after sign-in, queued before the window's first loads.

        The arrears cache is brought to ``today``: its first start on a new day rebuilds it (about
        half a second at 50,000 rooms, in the background), later starts only recompute the rooms
        that changed. Work that changes the ledger at the day's start (late-fee assessment) belongs
        before it, so the rebuild already counts it.
        """
        from cuijiao_desktop.services.arrears_cache import refresh_arrears_cache

        self.runner.submit(
            refresh_arrears_cache, actor=self.user, today=today,
            on_error=lambda exc: log.warning("the arrears cache was not refreshed: %s", exc),
        )

    def show_main_window(self) -> None:
        """Create and show the main window for the signed-in user."""
        from cuijiao_desktop.domain.office_time import office_today
        from cuijiao_desktop.views.main_window import MainWindow

        window = MainWindow(
            self.runner, self.user, self.settings, db_url=self.url, db_description=self.db_description,
            today=office_today,  # business dates are the office's (Asia/Shanghai), whatever the PC's zone
        )
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.sig_logout_requested.connect(self._on_logout)
        window.sig_language_changed.connect(self._on_language_changed)
        window.sig_reconnect_requested.connect(self._on_reconnect)
        self.window = window
        window.show()
        window.sync_cases_daily()  # once per office day: cases open and close by the office's rule
        window.assess_late_fees()  # the day's first start works out the late fees (in the background)

    def _on_logout(self) -> None:
        self.app.setQuitOnLastWindowClosed(False)
        self.window = None
        self.user = None
        # let the old window close first, then ask again
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, self._relogin)

    def _on_reconnect(self) -> None:
        """Another database was chosen in 设置 → 数据库: close this one, open that one, sign in again."""
        from PySide6.QtCore import QTimer

        self.app.setQuitOnLastWindowClosed(False)
        self.window = None
        self.user = None
        QTimer.singleShot(0, self._reopen)

    def _reopen(self) -> None:
        from cuijiao_desktop.datadir import resolve_database_url
        from cuijiao_desktop.db.engine import describe_url

        if self.engine is not None:
            wait_for(self.runner.submit(self.engine.dispose, with_session=False, on_error=lambda _e: None))
            self.engine = None
        self.url = resolve_database_url(self.cli_url)[0]
        self.db_description = describe_url(self.url)
        if self.open_database(None) and self.ensure_admin() and self.sign_in():
            self.show_main_window()
            self.app.setQuitOnLastWindowClosed(True)
            self.start_daily_backup()
        else:
            self.app.quit()

    def _relogin(self) -> None:
        if self.sign_in():
            self.show_main_window()
            self.app.setQuitOnLastWindowClosed(True)
        else:
            self.app.quit()

    def _on_language_changed(self, lang: str) -> None:
        """Rebuild the window in the new language (same user, no new sign-in)."""
        install_translators(self.app, lang)
        old = self.window
        self.app.setQuitOnLastWindowClosed(False)
        self.show_main_window()
        if old is not None:
            old.close()
        self.app.setQuitOnLastWindowClosed(True)

    def _fatal(self, text: str, exc: BaseException) -> None:
        from cuijiao_desktop.messages import error_message

        log.error("%s", text, exc_info=exc)  # goes to the log file that error_message names
        QMessageBox.critical(None, QCoreApplication.translate("app", "Property fee collection"), f"{text}\n\n{error_message(exc)}")

    def _warn(self, text: str, exc: BaseException) -> None:
        from cuijiao_desktop.messages import error_message

        QMessageBox.warning(None, QCoreApplication.translate("app", "Property fee collection"), f"{text}\n\n{error_message(exc)}")

    def shutdown(self) -> None:
        """End the sign-in, stop the worker thread and close the database."""
        if self.user is not None and self.engine is not None:
            from cuijiao_desktop.services import auth

            _run_and_wait(self.runner, auth.logout, actor=self.user)
            self.user = None
        self.runner.shutdown(wait=True)
        if self.engine is not None:
            self.engine.dispose()


def install_excepthook() -> None:
    """Unexpected errors on the GUI thread: into the log file, and a dialog that names the file."""

    def hook(exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        logging.getLogger("cuijiao_desktop").critical("unexpected error", exc_info=(exc_type, exc, tb))
        if QApplication.instance() is None:
            return
        from cuijiao_desktop.messages import error_message

        try:
            QMessageBox.critical(None, QCoreApplication.translate("app", "Property fee collection"),
                                 error_message(exc))
        except Exception:
            logging.getLogger("cuijiao_desktop").exception("the error dialog failed")

    sys.excepthook = hook


def main(argv: Sequence[str] | None = None) -> int:
    """Start the GUI; returns the exit status."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("cuijiao_desktop").setLevel(logging.INFO)
    args = parse_args(argv)
    app = create_application(argv)
    from cuijiao_desktop import logfile

    logfile.install()
    install_excepthook()
    settings = UiSettings()
    lang = args.lang or settings.language
    install_translators(app, lang)
    choose_ui_font(app)
    from PySide6.QtGui import QIcon

    app.setWindowIcon(QIcon(str(icon_path("app"))))
    splash = _splash()
    splash.show()
    _show_message(splash, QCoreApplication.translate("app", "Starting…"))

    url, is_default_db = resolve_database_url(args.db)
    runner = TaskRunner()
    controller = Controller(app, settings, runner, url, cli_url=args.db)
    try:
        if not controller.open_database(splash):
            return 1
        if args.demo_if_empty and is_default_db:
            controller.fill_demo_if_empty(splash)
        elif args.demo_if_empty:
            log.info("--demo-if-empty ignored: %s was named explicitly", controller.db_description)
        splash.close()
        if not controller.ensure_admin():
            return 0
        if not controller.sign_in():
            return 0
        from cuijiao_desktop.domain.office_time import office_today

        controller.start_of_day(office_today())
        controller.show_main_window()
        app.setQuitOnLastWindowClosed(True)
        controller.start_daily_backup()
        return app.exec()
    finally:
        splash.close()
        settings.sync()
        controller.shutdown()


if __name__ == "__main__":
    sys.exit(main())
