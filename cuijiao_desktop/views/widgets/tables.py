"""What the window's lists share: a read-only table of whole rows, 24 pixels high, without row
numbers, whose columns the clerk can widen (or that fit their contents); Enter on it does what a
double click does."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

ROW_HEIGHT = 24


def list_view(model: QAbstractItemModel, name: str, *, widths: Mapping[int, int] | None = None,
              multi: bool = False, sortable: bool = False, wrap: bool = False, fit: bool = False,
              alternate: bool = True) -> QTableView:
    """A list of ``model``'s rows: ``widths`` by column (or columns that ``fit`` their contents),
    ``multi`` selects several rows, ``sortable`` sorts on a header click (by the first column at
    first), ``wrap`` wraps long cells, ``alternate`` shades every other row."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    if sortable:
        view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if multi
                          else QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(alternate)
    view.setWordWrap(wrap)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
    header = view.horizontalHeader()
    mode = QHeaderView.ResizeMode
    header.setSectionResizeMode(mode.ResizeToContents if fit else mode.Interactive)
    for col, width in (widths or {}).items():
        header.resizeSection(col, width)
    header.setStretchLastSection(True)
    return view


def on_enter(view: QAbstractItemView, slot: Callable[[], object]) -> None:
    """Return and Enter call ``slot`` while ``view`` has the focus."""
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        shortcut = QShortcut(QKeySequence(key), view)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(slot)
