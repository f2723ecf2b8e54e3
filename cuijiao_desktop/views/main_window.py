"""The main window: left navigation, a stack of pages, menus, toolbar and status bar."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QActionGroup, QCloseEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QToolBar,
    QWidget,
)

from cuijiao_desktop.messages import error_message
from cuijiao_desktop.settings import Keys, UiSettings
from cuijiao_desktop.views.actions import NAV_IDS, SPECS, ActionId, ActionRegistry, action_text
from cuijiao_desktop.views.dialogs.about_dialog import show_about
from cuijiao_desktop.views.forms.ui_main_central import Ui_MainCentral
from cuijiao_desktop.views.icons import icon
from cuijiao_desktop.views.labels import role_label
from cuijiao_desktop.views.pages.arrears_page import ArrearsPage
from cuijiao_desktop.views.pages.base import Page
from cuijiao_desktop.views.pages.placeholder import PlaceholderPage
from cuijiao_desktop.views.pages.room_ledger_page import RoomLedgerPage
from cuijiao_desktop.views.pages.rooms_page import RoomsPage
from cuijiao_desktop.views.pages.settings_page import SettingsPage
from cuijiao_desktop.views.pages.workbench import WorkbenchPage
from cuijiao_desktop.views.widgets.search_popup import SearchController


class MainWindow(QMainWindow):
    """The application shell for one signed-in user.

    ``db_url`` is only handed to the backup service; ``db_description`` is what the
    status bar shows (no password).
    """

    sig_logout_requested = Signal()
    sig_language_changed = Signal(str)

    def __init__(
        self,
        runner,
        user,
        settings: UiSettings,
        *,
        db_url: str,
        db_description: str,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self.user = user
        self._settings = settings
        self._db_url = db_url
        self._db_description = db_description
        self.logging_out = False
        self.setWindowTitle(self.tr("Property fee collection"))
        self.setWindowIcon(icon("app"))
        self.setObjectName("MainWindow")

        central = QWidget(self)
        self.ui = Ui_MainCentral()
        self.ui.setupUi(central)
        self.setCentralWidget(central)
        self.ui.navList.setStyleSheet(
            "QListWidget { background: #F1F4F7; border-right: 1px solid #D9E0E7; padding-top: 8px; outline: 0; }"
            "QListWidget::item { padding: 9px 10px; border-radius: 6px; margin: 1px 6px; color: #2A3744; }"
            "QListWidget::item:selected { background: #DCE8F5; color: #0F4C81; }"
        )

        self.actions = ActionRegistry(self, settings=settings, can=user.can)
        self._today = today
        self._build_pages(today)
        self._build_menus_and_toolbar()
        self._build_status_bar()
        self._wire_actions()

        self.ui.navList.currentRowChanged.connect(self._on_nav_changed)
        self.resize(1180, 760)
        geometry = settings.get(Keys.MAIN_GEOMETRY)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = settings.get(Keys.MAIN_STATE)
        if not state.isEmpty():
            self.restoreState(state)
        self.ui.navList.setCurrentRow(0)

    # construction
    def _build_pages(self, today: Callable[[], date]) -> None:
        descriptions = {
            ActionId.NAV_OWNERS: self.tr(
                "look up owners, tenants and rooms by room number, name or phone, and keep their contacts up to date."
            ),
            ActionId.NAV_CONTACTS: self.tr(
                "log every call, message and notice with its outcome, and chase promised payments on the day."
            ),
            ActionId.NAV_VISITS: self.tr(
                "plan home visits by two members of staff and record what was agreed and what comes next."
            ),
            ActionId.NAV_NOTICES: self.tr(
                "print written notices with proof of delivery, and public boards with names and room numbers masked."
            ),
            ActionId.NAV_REPORTS: self.tr(
                "collection rate, arrears by age and the work of each collector, exported to Excel."
            ),
        }
        self.pages: dict[ActionId, Page] = {}
        for action_id in NAV_IDS:
            spec = SPECS[action_id]
            if action_id is ActionId.NAV_WORKBENCH:
                page: Page = WorkbenchPage(self._runner, today=today)
            elif action_id is ActionId.NAV_OWNERS:
                page = RoomsPage(self._runner, self.user, today=today)
                page.sig_open_room.connect(self.open_room)
            elif action_id is ActionId.NAV_ARREARS:
                page = ArrearsPage(self._runner, user=self.user, today=today, settings=self._settings)
                page.sig_open_room.connect(self.open_room)
            elif action_id is ActionId.NAV_SETTINGS:
                page = SettingsPage(self._runner, self.user, db_description=self._db_description)
            else:
                page = PlaceholderPage(action_text(action_id), spec.icon or "", descriptions[action_id])
            page.setObjectName(f"page_{action_id.value.split('.')[-1]}")
            self.pages[action_id] = page
            self.ui.pageStack.addWidget(page)
            item = QListWidgetItem(icon(spec.icon or ""), action_text(action_id))
            item.setData(Qt.ItemDataRole.UserRole, action_id.value)
            item.setSizeHint(QSize(150, 40))
            self.ui.navList.addItem(item)
        # Fit the longest label in the current language (English labels are longer than Chinese).
        metrics = self.ui.navList.fontMetrics()
        widest = max(metrics.horizontalAdvance(self.ui.navList.item(i).text()) for i in range(self.ui.navList.count()))
        self.ui.navList.setFixedWidth(max(168, widest + 22 + 64))
        # The room ledger: in the stack, not in the navigation list (opened by open_room).
        self.room_ledger_page = RoomLedgerPage(self._runner, self.user, today=today, settings=self._settings)
        self.room_ledger_page.setObjectName("page_room_ledger")
        self.room_ledger_page.sig_back.connect(self.go_back)
        self.room_ledger_page.sig_payment_saved.connect(lambda _receipt: self.pages_stale())
        self.ui.pageStack.addWidget(self.room_ledger_page)
        self._back_row = 0

    def _build_menus_and_toolbar(self) -> None:
        self.menus = self.actions.build_menus(self.menuBar())
        toolbar = QToolBar(self.tr("Main toolbar"), self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setIconSize(QSize(20, 20))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.actions.fill_toolbar(toolbar)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        self.search_box = QLineEdit()
        self.search_box.setObjectName("searchBox")
        self.search_box.setPlaceholderText(self.tr("Search room no. / name / phone"))
        self.search_box.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search_box.setFixedWidth(260)
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setToolTip(self.tr("Room number (3-2-1502, 3栋1502, 1502), name, pinyin initials (zs) "
                                           "or the last 4 digits of a phone. Ctrl+F"))
        toolbar.addWidget(self.search_box)
        self.search = SearchController(self.search_box, self._runner, today=self._today, parent=self)
        self.search.sig_open_room.connect(self.open_room)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        self.toolbar = toolbar

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.db_label = QLabel(self.tr("Database: {db}").format(db=self._db_description))
        self.db_label.setObjectName("dbLabel")
        self.db_label.setToolTip(self._db_description)
        self.user_label = QLabel(
            self.tr("User: {name} ({role})").format(name=self.user.display_name, role=role_label(self.user.role))
        )
        self.user_label.setObjectName("userLabel")
        for label in (self.db_label, self.user_label):
            label.setStyleSheet("padding: 0 10px; border-left: 1px solid #C9D1DA;")
            bar.addPermanentWidget(label)

    def _wire_actions(self) -> None:
        for index, action_id in enumerate(NAV_IDS):
            self.actions.connect(action_id, lambda i=index: self.show_page(i))
        self.actions.connect(ActionId.QUIT, self.close)
        self.actions.connect(ActionId.LOGOUT, self.log_out)
        self.actions.connect(ActionId.ABOUT, lambda: show_about(self))
        self.actions.connect(ActionId.REFRESH, self.refresh_current)
        self.actions.connect(ActionId.SEARCH, self.focus_search)
        self.actions.connect(ActionId.BACKUP, self.back_up)
        self.actions.connect(ActionId.IMPORT, self.import_data)
        self.actions.connect(ActionId.TAKE_PAYMENT, self.take_payment)
        group = QActionGroup(self)
        group.setExclusive(True)
        current = self._settings.language
        for action_id, lang in ((ActionId.LANG_ZH, "zh_CN"), (ActionId.LANG_EN, "en")):
            action = self.actions[action_id]
            group.addAction(action)
            action.setChecked(lang == current)
            self.actions.connect(action_id, lambda lang=lang: self.choose_language(lang))

    # behaviour
    def current_page(self) -> Page:
        """The page on screen."""
        return self.ui.pageStack.currentWidget()

    def show_page(self, index: int) -> None:
        """Switch to page ``index`` (0 = workbench … 7 = settings)."""
        self.ui.navList.setCurrentRow(index)

    def _on_nav_changed(self, row: int) -> None:
        if row < 0:
            return
        self.ui.pageStack.setCurrentIndex(row)
        page = self.ui.pageStack.widget(row)
        if isinstance(page, Page):
            page.activate()

    def open_room(self, room_id: int) -> None:
        """Show the ledger of ``room_id``; 返回 / Alt+Left goes back to the page it was opened from."""
        row = self.ui.navList.currentRow()
        if row >= 0:
            self._back_row = row
        self.ui.navList.setCurrentRow(-1)  # nothing selected in the navigation
        self.ui.pageStack.setCurrentWidget(self.room_ledger_page)
        self.room_ledger_page.load(room_id)
        self.room_ledger_page.setFocus()

    def take_payment(self) -> None:
        """收款 (F9): the payment dialog of the room on screen, else of the search hit highlighted
        under the search box, else of the room selected on the page (arrears, rooms …)."""
        page = self.current_page()
        if page is self.room_ledger_page and self.room_ledger_page.room_id is not None:
            self.room_ledger_page.take_payment()
            return
        room_id = self.search.highlighted_room_id()
        if room_id is not None:
            self.search.hide_popup()
        elif isinstance(page, Page):
            room_id = page.selected_room_id()
        if room_id is None:
            self.statusBar().showMessage(
                self.tr("Select a room in the list, or search for it with Ctrl+F, then press F9."), 6000)
            return
        dialog = self.room_ledger_page.open_payment_dialog(room_id, parent=self)
        if dialog is not None:  # after the payment the page on screen shows it (the others reload when shown)
            dialog.sig_saved.connect(lambda _receipt: self.current_page().refresh())

    def go_back(self) -> None:
        """Leave the room ledger for the navigation page it was opened from."""
        if self.current_page() is self.room_ledger_page:
            self.ui.navList.setCurrentRow(self._back_row)

    def pages_stale(self) -> None:
        """Money or rooms changed (a payment or reversal in the ledger): the navigation pages reload
        when next shown (the arrears list, the rooms page and the workbench stay true)."""
        for page in self.pages.values():
            page.mark_stale()

    def data_changed(self) -> None:
        """After an import: every page reloads when next shown, the one on screen at once."""
        self.pages_stale()
        self.current_page().refresh()

    def refresh_current(self) -> None:
        """Reload the page on screen."""
        self.current_page().refresh()

    def focus_search(self) -> None:
        """Ctrl+F: focus the search box and select its text."""
        self.search.focus()

    def choose_language(self, lang: str) -> None:
        """Save the UI language and ask the application to rebuild the window in it."""
        if lang == self._settings.language:
            return
        self._settings.language = lang
        self._settings.sync()
        self.sig_language_changed.emit(lang)

    def log_out(self) -> None:
        """Close the window and return to the sign-in dialog."""
        self.logging_out = True
        self.sig_logout_requested.emit()
        self.close()

    def import_data(self) -> None:
        """文件 → 导入…: the import wizard (managers, finance and administrators)."""
        if not self.actions.is_allowed(ActionId.IMPORT):
            return
        from cuijiao_desktop.views.dialogs.import_wizard import ImportWizard  # loaded on demand

        today = self._today() if callable(self._today) else self._today
        wizard = ImportWizard(self._runner, self.user, today=today, settings=self._settings, parent=self)
        wizard.sig_imported.connect(lambda _result: self.data_changed())
        wizard.exec()
        wizard.deleteLater()

    def back_up(self) -> None:
        """Save a copy of the database to a file chosen by the user."""
        if not self.actions.is_allowed(ActionId.BACKUP):
            return
        is_sqlite = self._db_url.startswith("sqlite")
        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        name = f"cuijiao-backup-{stamp}.sqlite3" if is_sqlite else f"cuijiao-backup-{stamp}.dump"
        folder = self._settings.last_folder("backup")
        filters = self.tr("SQLite database (*.sqlite3)") if is_sqlite else self.tr("All files (*)")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Back up database"), str(Path(folder) / name) if folder else name, filters
        )
        if path:
            self.run_backup(Path(path))

    def run_backup(self, out_path: Path) -> None:
        """Run the backup service in the background and report the outcome."""
        from cuijiao_desktop.services import maintenance  # loaded on demand

        self._settings.set_last_folder("backup", str(out_path.parent))
        self.statusBar().showMessage(self.tr("Backing up…"))

        def done(result) -> None:
            self.statusBar().showMessage(self.tr("Backup saved to {path}").format(path=result), 10000)
            QMessageBox.information(
                self, self.tr("Back up database"), self.tr("Backup saved to {path}").format(path=result)
            )

        def failed(exc: BaseException) -> None:
            self.statusBar().clearMessage()
            QMessageBox.warning(self, self.tr("Back up database"), error_message(exc))

        self._runner.submit(
            maintenance.backup_database, self._db_url, out_path, with_session=False,
            on_result=done, on_error=failed,
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        """Remember geometry and toolbar state."""
        self._settings.set(Keys.MAIN_GEOMETRY, self.saveGeometry())
        self._settings.set(Keys.MAIN_STATE, self.saveState())
        super().closeEvent(event)
