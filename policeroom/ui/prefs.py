"""This PC's own preferences (theme, window geometry, last user name) over QSettings, typed."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings


class Preferences:
    """Typed access to per-PC preferences; shared settings of the room live in the database."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self.q = settings or QSettings("policeroom", "policeroom")

    @property
    def dark_theme(self) -> bool:
        return str(self.q.value("ui/dark_theme", "false")).lower() == "true"

    @dark_theme.setter
    def dark_theme(self, value: bool) -> None:
        self.q.setValue("ui/dark_theme", "true" if value else "false")

    @property
    def geometry(self) -> QByteArray | None:
        v = self.q.value("ui/geometry")
        return v if isinstance(v, QByteArray) and not v.isEmpty() else None

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self.q.setValue("ui/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        v = self.q.value("ui/window_state")
        return v if isinstance(v, QByteArray) and not v.isEmpty() else None

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self.q.setValue("ui/window_state", value)

    @property
    def last_username(self) -> str:
        return str(self.q.value("login/last_username", "") or "")

    @last_username.setter
    def last_username(self, value: str) -> None:
        self.q.setValue("login/last_username", value)

    def sync(self) -> None:
        self.q.sync()
