"""An unlocked database key (``Vault``) and the changes of the key file that follow account changes.

The vault rides with every session (``session.info["vault"]``), so the account service rewraps a slot
when it sets a password and drops it when it disables an account, without knowing about files.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from policeroom.vault.keys import KEY_BYTES, KeyFile, KeyFileInvalid, key_check, keys_path


@dataclass(frozen=True)
class Vault:
    """The key of the encrypted database at ``db_path`` (never logged, never written in plain)."""

    db_path: Path
    key: bytes

    def __repr__(self) -> str:  # the key never shows in a traceback or a log line
        return f"Vault({self.db_path.name})"

    @property
    def keys_path(self) -> Path:
        return keys_path(self.db_path)

    # -- opening ------------------------------------------------------------------------------
    @classmethod
    def create(cls, db_path: Path) -> Vault:
        """A fresh random key for a new database, with an empty key file beside it."""
        key = secrets.token_bytes(KEY_BYTES)
        KeyFile(check=key_check(key)).save(keys_path(db_path))
        return cls(db_path, key)

    @classmethod
    def unlock(cls, db_path: Path, username: str, password: str) -> Vault | None:
        """The vault opened by an account's password; None for a wrong name or password.

        Raises:
            KeyFileInvalid: the key file is missing or damaged.
        """
        key = KeyFile.load(keys_path(db_path)).unlock(username, password)
        return None if key is None else cls(db_path, key)

    @classmethod
    def recover(cls, db_path: Path, recovery_key: str) -> Vault | None:
        key = KeyFile.load(keys_path(db_path)).unlock_recovery(recovery_key)
        return None if key is None else cls(db_path, key)

    # -- changes that follow the accounts --------------------------------------------------------
    def _change(self, change) -> None:  # noqa: ANN001 - Callable[[KeyFile], None]
        try:
            kf = KeyFile.load(self.keys_path)
        except KeyFileInvalid:
            if self.keys_path.exists():
                raise
            kf = KeyFile(check=key_check(self.key))  # lost: rebuilt from the open database's key
        change(kf)
        kf.save(self.keys_path)

    def set_password(self, account_id: int, username: str, password: str) -> None:
        def change(kf: KeyFile) -> None:
            kf.put_account(self.key, account_id, username, password)
            kf.set_up = True  # a password opens it: set-up is done

        self._change(change)

    def add_password(self, account_id: int, username: str, password: str) -> str:
        """A new slot beside the account's old ones; :meth:`keep_only` drops those after the save."""
        sid: list[str] = []
        self._change(lambda kf: sid.append(kf.add_account(self.key, account_id, username, password)))
        return sid[0]

    def keep_only(self, account_id: int, sid: str) -> None:
        self._change(lambda kf: kf.keep_only(account_id, sid))

    def clear_lock(self, account_id: int) -> None:
        """The officer unlocked the account: wrong tries counted in its slots are forgotten too."""

        def change(kf: KeyFile) -> None:
            for s in kf.slots:
                if s.account_id == account_id:
                    s.failed, s.locked_until = 0, ""

        self._change(change)

    def drop_account(self, account_id: int) -> None:
        self._change(lambda kf: kf.drop_account(account_id))

    def rename(self, account_id: int, username: str) -> None:
        self._change(lambda kf: kf.rename_account(account_id, username))

    def new_recovery_key(self) -> str:
        """A new recovery key (the old one stops working): shown and printed once, never stored plain."""
        from policeroom.vault.recovery import new_recovery_key

        recovery = new_recovery_key()
        self._change(lambda kf: kf.put_recovery(self.key, recovery))
        return recovery

    def set_room(self, room_name: str) -> None:
        """The room's name shown by the sign-in window before the database opens."""

        def change(kf: KeyFile) -> None:
            kf.room_name = room_name

        self._change(change)

    def has_slot(self, account_id: int) -> bool:
        try:
            kf = KeyFile.load(self.keys_path)
        except KeyFileInvalid:
            return False
        return any(s.account_id == account_id for s in kf.slots)


def vault_of_sessions(sessions) -> Vault | None:  # noqa: ANN001 - sqlalchemy sessionmaker
    """The vault the sessions of a factory carry (None for a plain file or a server)."""
    return (sessions.kw.get("info") or {}).get("vault")


def vault_of(session) -> Vault | None:  # noqa: ANN001 - sqlalchemy Session
    """The vault riding with a session (None for a plain file or a database server)."""
    return session.info.get("vault")

