"""Forms with inline errors: each field has a red message line beside it, filled from a ValidationError."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from policeroom.errors import DomainError, ValidationError
from policeroom.services.core.forms import errors_of
from policeroom.ui.i18n import tr  # noqa: F401 - re-exported for the pages

ERROR_STYLE = "color: #c62828; font-size: 12px;"


class FieldErrors:
    """Error labels keyed by field name, shown under their widgets."""

    def __init__(self) -> None:
        self.labels: dict[str, QLabel] = {}
        self.widgets: dict[str, QWidget] = {}

    def add(self, field: str, widget: QWidget) -> QWidget:
        """Wrap ``widget`` with an (initially hidden) error label; returns the wrapper to put in a layout."""
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(widget)
        label = QLabel()
        label.setObjectName(f"error_{field}")
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        label.hide()
        limit = widget.property("text_limit")
        if isinstance(widget, QPlainTextEdit) and limit:
            lay.addWidget(_counter(widget, int(limit)))
        lay.addWidget(label)
        # A row taller than its field (the other column is longer) keeps the field at the top, level
        # with its label, instead of centring it 40 px below; growing fields still share the space.
        lay.addStretch(0)
        self.labels[field] = label
        self.widgets[field] = widget
        _on_edit(widget, lambda: self.clear(field))
        return box

    def show(self, errors: dict[str, str]) -> list[str]:
        """Show each message beside its field; returns messages whose field has no label."""
        self.clear()
        unplaced = []
        first: QWidget | None = None
        for field, message in errors.items():
            label = self.labels.get(field)
            if label is None:
                unplaced.append(message)
                continue
            label.setText(message)
            label.show()
            first = first or self.widgets[field]
        if first is not None:
            first.setFocus()
        return unplaced

    def clear(self, field: str | None = None) -> None:
        for f, label in self.labels.items():
            if field is None or f == field:
                label.clear()
                label.hide()

    def text(self, field: str) -> str:
        label = self.labels.get(field)
        return label.text() if label is not None and not label.isHidden() else ""


def form_row(form: QFormLayout, errors: FieldErrors, label: str, field: str, widget: QWidget) -> QWidget:
    """Add ``label`` and ``widget`` (with its error line) to ``form``, the label level with the field.

    The label is aligned to the top of the row (the error line grows below the field), so it gets the
    field's height to sit level with the text inside it, whatever padding the theme adds.
    """
    text = QLabel(label)
    text.setBuddy(widget)
    if isinstance(widget, QPlainTextEdit):
        text.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    else:
        text.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # The theme's stylesheet sets the real height only when the field is shown: follow it.
        _SameHeight(widget, text)
    form.addRow(text, errors.add(field, widget))
    return widget


def _counter(edit: QPlainTextEdit, limit: int) -> QLabel:
    """已输入n/N字 under a multi-line field, red at the limit."""
    counter = QLabel()
    counter.setObjectName("text_counter")
    counter.setAlignment(Qt.AlignmentFlag.AlignRight)

    def update() -> None:
        n = len(edit.toPlainText())
        counter.setText(tr("已输入{n}/{limit}字").format(n=n, limit=limit))
        counter.setStyleSheet(ERROR_STYLE if n >= limit else "color: #757575; font-size: 12px;")

    edit.textChanged.connect(update)
    update()
    return counter


def limit_text(widget: QWidget, limit: int) -> QWidget:
    """Show and enforce the service's length limit on a text field (最多N字).

    A line edit gets ``setMaxLength``; a multi-line edit gets a counter under it (已输入12/5000字, from
    ``FieldErrors.add``) and cuts a paste beyond the limit (the service would refuse it, with the same
    figure). Both say 最多N字 in their tooltip.
    """
    hint = tr("最多{n}字").format(n=limit)
    if isinstance(widget, QLineEdit):
        widget.setMaxLength(limit)
    elif isinstance(widget, QPlainTextEdit):  # the form row adds a counter under it (FieldErrors.add)

        def cap() -> None:
            text = widget.toPlainText()
            if len(text) > limit:
                pos = min(widget.textCursor().position(), limit)
                widget.setPlainText(text[:limit])
                cursor = widget.textCursor()
                cursor.setPosition(pos)
                widget.setTextCursor(cursor)

        widget.textChanged.connect(cap)
    else:
        return widget
    tip = widget.toolTip()
    widget.setToolTip(f"{tip}\n{hint}" if tip else hint)
    widget.setProperty("text_limit", limit)
    return widget


def limit_fields(model: type, widgets: dict[str, QWidget]) -> None:
    """``limit_text`` for each widget by the column of ``model`` with the same name."""
    from policeroom.services.core.text import column_limit  # SQLAlchemy: not before the first window

    for name, widget in widgets.items():
        limit_text(widget, column_limit(model.__table__.c[name]))


class _SameHeight(QObject):
    """Keeps a label exactly as tall as its field."""

    def __init__(self, field: QWidget, label: QLabel) -> None:
        super().__init__(field)
        self.label = label
        field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.label.setFixedHeight(watched.height())
        return False


def _on_edit(widget: QWidget, fn: Callable[[], None]) -> None:
    if isinstance(widget, QLineEdit):
        widget.textEdited.connect(fn)
    elif isinstance(widget, QPlainTextEdit):
        widget.textChanged.connect(fn)
    elif isinstance(widget, QComboBox):
        widget.currentIndexChanged.connect(fn)
    elif isinstance(widget, QSpinBox):
        widget.valueChanged.connect(fn)
    elif hasattr(widget, "changed"):  # composite editors (the parties list): their error clears on change
        widget.changed.connect(fn)


class RecordDialog(QDialog):
    """A form dialog: 保存 (Enter) and 取消 (Esc); errors land beside their fields, nothing is lost.

    ``limits_from``: the model whose columns give the length limits of the text fields added with
    ``add_field`` under a column's name (the same limits the services enforce).
    """

    limits_from: type | None = None

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.errors = FieldErrors()
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        self.columns = QHBoxLayout()
        self.columns.addLayout(self.form, 1)
        outer.addLayout(self.columns)
        outer.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def add_column(self) -> QFormLayout:
        """Start a second column of fields beside the first (long forms stay within a laptop screen);
        later ``add_field`` calls go into it."""
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.columns.addSpacing(16)
        self.columns.addLayout(form, 1)
        self.form = form
        return form

    def enable_history(self, title: str, load: Callable[[], list]) -> None:
        """Add a 修改记录 button showing the record's history (for dialogs editing an existing record)."""
        from PySide6.QtWidgets import QPushButton

        button = QPushButton(tr("修改记录"))
        self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ResetRole)

        def show() -> None:
            from PySide6.QtWidgets import QMessageBox

            from policeroom.errors import DomainError
            from policeroom.ui.widgets.history import HistoryDialog

            try:
                items = load()
            except DomainError as e:  # a record outside the person's scope (权限)
                QMessageBox.information(self, tr("修改记录"), e.message)
                return
            HistoryDialog(title, items, self).exec()

        button.clicked.connect(show)
        self.history_button = button

    def add_field(self, label: str, field: str, widget: QWidget, *, limit: int | None = None) -> QWidget:
        columns = self.limits_from.__table__.c if self.limits_from is not None else {}
        if limit is None and field in columns:
            from policeroom.services.core.text import column_limit  # SQLAlchemy: not before the first window

            limit = column_limit(columns[field])
        if limit:
            limit_text(widget, limit)
        return form_row(self.form, self.errors, label, field, widget)

    def submit(self) -> None:  # pragma: no cover - abstract
        """Send the form to the service; raise ValidationError / DomainError on refusal."""
        raise NotImplementedError

    def save(self) -> None:
        try:
            self.submit()
        except ValidationError as e:
            unplaced = self.errors.show(errors_of(e))
            if unplaced:
                QMessageBox.warning(self, tr("无法保存"), "\n".join(unplaced))
            return
        except DomainError as e:
            if self.handle_domain_error(e):
                return
            QMessageBox.warning(self, tr("无法保存"), e.message)
            return
        self.accept()

    def handle_domain_error(self, error: DomainError) -> bool:
        """Subclasses may handle special refusals (e.g. a duplicate resident); True if handled."""
        return False


OK_STYLE = "color: #2e7d32;"


def save_with_status(status: QLabel, action: Callable[[], object], ok_text: str) -> bool:
    """Run a settings save and say how it went in ``status`` (green, or the reasons in red)."""
    try:
        action()
    except ValidationError as e:
        status.setStyleSheet(ERROR_STYLE)
        status.setText("；".join(errors_of(e).values()))
        return False
    except DomainError as e:
        status.setStyleSheet(ERROR_STYLE)
        status.setText(e.message)
        return False
    status.setStyleSheet(OK_STYLE)
    status.setText(ok_text)
    return True


def fit_combo(combo: QComboBox, extra: int = 56) -> None:
    """Make a combo wide enough for its longest item plus the theme's padding and arrow."""
    metrics = combo.fontMetrics()
    widest = max((metrics.horizontalAdvance(combo.itemText(i)) for i in range(combo.count())), default=40)
    combo.setMinimumWidth(widest + extra)


def refill_combo(combo: QComboBox, items: list[tuple[str, object]]) -> None:
    """Replace a filter combo's (label, data) items, keeping the selection and emitting no signal."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for label, data in items:
        combo.addItem(label, data)
    combo_select(combo, current)
    combo.blockSignals(False)


def combo_select(combo: QComboBox, data: object) -> None:
    """Select the item carrying ``data`` (or the first item)."""
    i = combo.findData(data)
    combo.setCurrentIndex(i if i >= 0 else 0)
