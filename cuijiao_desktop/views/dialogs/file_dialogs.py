"""Every file dialog of the program, made so that it never opens the database.

Why: on Linux a process loses all its locks on a file when any of its code closes any descriptor of
that file. Qt's file dialogs read files to find their type and icon (``QMimeDatabase`` sniffs the
content of ``cuijiao.sqlite3-wal`` and ``-shm``, which have no telling extension; the GTK dialog
does the same for every file), and so dropped the app's SQLite locks: the next ``cuijiao`` command
then deleted the app's ``-wal`` and the database was corrupted (issue 14). See ``sqlite_files.py``.

So these dialogs:

- are Qt's own widget dialogs on Linux and macOS (never the platform's in-process dialog), with
  :class:`SafeIconProvider`, which decides icon and type from the name alone and never reads a file;
- hide the live database and SQLite's ``-wal``/``-shm``/``-journal`` files always, and other
  database files unless the dialog is about backups (``show_databases=True``);
- start in the folder last used for the same purpose, else in Documents; never in the data folder
  that holds the database;
- refuse a live database file as the answer, with a clear message.

On Windows the native dialog is used: its locks (``LockFileEx``) belong to a handle, so another
handle's close cannot drop them.

API (other engineers: use only these)::

    path = open_file(parent, title, purpose="import", filters=tr("Spreadsheets (*.xlsx *.csv)"))
    path = save_file(parent, title, purpose="export", suggested_name="欠费明细.xlsx",
                     filters=tr("Excel workbook (*.xlsx)"), default_suffix="xlsx")
    folder = choose_folder(parent, title, purpose="receipts")

Each returns a ``Path`` or None (cancelled or refused). ``purpose`` names the remembered folder.
"""

from __future__ import annotations

import fnmatch
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QFileInfo,
    QModelIndex,
    QSortFilterProxyModel,
    QUrl,
)
from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QMessageBox,
    QStyle,
    QWidget,
)

from cuijiao_desktop.datadir import documents_dir
from cuijiao_desktop.settings import UiSettings
from cuijiao_desktop.sqlite_files import (
    SIDECAR_SUFFIXES,
    is_database_file,
    live_databases,
    looks_like_database,
)

_CTX = "file_dialogs"

#: Called after every dialog closes (the application checks that its database locks are intact).
_after_dialog: list[Callable[[], None]] = []


def set_after_dialog_hook(hook: Callable[[], None] | None) -> None:
    """Run ``hook`` after every file dialog (None removes it)."""
    _after_dialog.clear()
    if hook is not None:
        _after_dialog.append(hook)


def use_native_dialogs() -> bool:
    """Only on Windows (see the module docstring)."""
    return sys.platform.startswith("win")


class SafeIconProvider(QAbstractFileIconProvider):
    """Icons and type names from the file name alone: no file is ever opened or read."""

    def __init__(self) -> None:
        super().__init__()
        self.setOptions(QAbstractFileIconProvider.Option.DontUseCustomDirectoryIcons)
        style = QApplication.style()
        self._dir = style.standardIcon(QStyle.StandardPixmap.SP_DirIcon)
        self._file = style.standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        self._drive = style.standardIcon(QStyle.StandardPixmap.SP_DriveHDIcon)
        self._computer = style.standardIcon(QStyle.StandardPixmap.SP_ComputerIcon)

    def icon(self, what):  # type: ignore[override]
        if isinstance(what, QFileInfo):
            if what.isRoot():
                return self._drive
            return self._dir if what.isDir() else self._file
        if what == QAbstractFileIconProvider.IconType.Computer:
            return self._computer
        if what == QAbstractFileIconProvider.IconType.Drive:
            return self._drive
        if what == QAbstractFileIconProvider.IconType.Folder:
            return self._dir
        return self._file

    def type(self, info: QFileInfo) -> str:  # type: ignore[override]
        return file_type_name(info.fileName(), is_dir=info.isDir())


#: Type names by extension (the detail view's "Type" column), decided without reading the file.
_TYPE_NAMES = (
    (("xlsx", "xlsm", "xls"), QT_TRANSLATE_NOOP("file_dialogs", "Excel workbook")),
    (("ods",), QT_TRANSLATE_NOOP("file_dialogs", "Spreadsheet")),
    (("csv", "txt"), QT_TRANSLATE_NOOP("file_dialogs", "Text file")),
    (("pdf",), QT_TRANSLATE_NOOP("file_dialogs", "PDF document")),
    (("sqlite3", "sqlite", "db", "dump"), QT_TRANSLATE_NOOP("file_dialogs", "Database backup")),
    (("png", "jpg", "jpeg", "bmp"), QT_TRANSLATE_NOOP("file_dialogs", "Image")),
)
_FOLDER = QT_TRANSLATE_NOOP("file_dialogs", "Folder")
_FILE = QT_TRANSLATE_NOOP("file_dialogs", "File")


def file_type_name(name: str, *, is_dir: bool = False) -> str:
    """A type name shown in the dialog's detail view, from the name's extension only."""
    if is_dir:
        return _tr(_FOLDER)
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    for suffixes, text in _TYPE_NAMES:
        if suffix in suffixes:
            return _tr(text)
    return _tr(_FILE)


class _HideDatabaseFiles(QSortFilterProxyModel):
    """Hides the live database and SQLite's side files (and other database files unless shown)."""

    def __init__(self, show_databases: bool, parent=None) -> None:
        super().__init__(parent)
        self.show_databases = show_databases
        self._live = live_databases()

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:
        model = self.sourceModel()
        index = model.index(row, 0, parent)
        path = model.filePath(index) if hasattr(model, "filePath") else ""
        if not path:
            return True
        if model.isDir(index):
            return True
        return visible_in_dialogs(path, show_databases=self.show_databases, databases=self._live)


def visible_in_dialogs(path: str | Path, *, show_databases: bool = False, databases=None) -> bool:
    """Whether a file dialog lists ``path`` (by name and ``stat`` only)."""
    name = Path(path).name.lower()
    if name.endswith(SIDECAR_SUFFIXES) or fnmatch.fnmatch(name, "*.part"):
        return False
    if is_database_file(path, databases):
        return False
    return show_databases or not looks_like_database(path)


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


def _settings(settings: UiSettings | None) -> UiSettings:
    return settings if settings is not None else UiSettings()


def _holds_database(folder: Path) -> bool:
    for db in live_databases():
        try:
            if folder.resolve() == db.parent.resolve():
                return True
        except OSError:
            continue
    return False


def start_folder(purpose: str, settings: UiSettings | None = None, fallback: Path | None = None) -> Path:
    """The folder remembered for ``purpose`` if it still exists and holds no live database, else
    ``fallback`` (e.g. Pictures for an image) under the same condition, else Documents."""
    last = _settings(settings).last_folder(purpose)
    for candidate in (Path(last) if last else None, fallback):
        if candidate is not None and candidate.is_dir() and not _holds_database(candidate):
            return candidate
    docs = documents_dir()
    return docs if docs.is_dir() else Path.home()


def make_dialog(parent: QWidget | None, title: str, *, mode: str, purpose: str, filters: str = "",
                suggested_name: str = "", default_suffix: str = "", show_databases: bool = False,
                settings: UiSettings | None = None, fallback: Path | None = None) -> QFileDialog:
    """The dialog itself (``mode``: "open", "save" or "folder"); :func:`open_file` & co. run it."""
    dialog = QFileDialog(parent, title, str(start_folder(purpose, settings, fallback)), filters)
    dialog.setObjectName(f"fileDialog_{purpose}")
    if not use_native_dialogs():
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setIconProvider(SafeIconProvider())
        dialog.setProxyModel(_HideDatabaseFiles(show_databases, dialog))
        docs = documents_dir()
        urls = [QUrl.fromLocalFile(str(docs)), QUrl.fromLocalFile(str(Path.home()))]
        desktop = Path.home() / "Desktop"
        if desktop.is_dir():
            urls.insert(1, QUrl.fromLocalFile(str(desktop)))
        dialog.setSidebarUrls(urls)
    if mode == "save":
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        if default_suffix:
            dialog.setDefaultSuffix(default_suffix)
        if suggested_name:
            dialog.selectFile(suggested_name)
    elif mode == "folder":
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    else:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    return dialog


def _refuse(parent: QWidget | None, path: Path) -> None:
    from cuijiao_desktop.messages import message_for_code

    QMessageBox.warning(parent, _tr(_FILE), message_for_code("file.is_database", {"path": str(path)}))


def _run(dialog: QFileDialog, purpose: str, settings: UiSettings | None) -> Path | None:
    try:
        if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
            return None
        path = Path(dialog.selectedFiles()[0])
    finally:
        for hook in _after_dialog:
            hook()
    if is_database_file(path):
        _refuse(dialog.parentWidget(), path)
        return None
    _settings(settings).set_last_folder(purpose, str(path if path.is_dir() else path.parent))
    return path


def open_file(parent: QWidget | None, title: str, *, purpose: str, filters: str, show_databases: bool = False,
              settings: UiSettings | None = None, fallback: Path | None = None) -> Path | None:
    """Ask for an existing file to read (``fallback``: where to start before anything was chosen for
    ``purpose``; Documents without one)."""
    dialog = make_dialog(parent, title, mode="open", purpose=purpose, filters=filters,
                         show_databases=show_databases, settings=settings, fallback=fallback)
    return _run(dialog, purpose, settings)


def save_file(parent: QWidget | None, title: str, *, purpose: str, suggested_name: str, filters: str,
              default_suffix: str = "", show_databases: bool = False,
              settings: UiSettings | None = None) -> Path | None:
    """Ask where to write a file (Qt asks before replacing an existing one)."""
    dialog = make_dialog(parent, title, mode="save", purpose=purpose, filters=filters,
                         suggested_name=suggested_name, default_suffix=default_suffix,
                         show_databases=show_databases, settings=settings)
    return _run(dialog, purpose, settings)


def choose_folder(parent: QWidget | None, title: str, *, purpose: str,
                  settings: UiSettings | None = None) -> Path | None:
    """Ask for a folder."""
    dialog = make_dialog(parent, title, mode="folder", purpose=purpose, settings=settings)
    return _run(dialog, purpose, settings)


def safe_icon(info: QFileInfo) -> QIcon:
    """The icon the dialogs show for ``info`` (tests)."""
    return SafeIconProvider().icon(info)
