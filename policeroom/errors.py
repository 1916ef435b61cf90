from __future__ import annotations


class DomainError(Exception):
    """Base of errors the UI shows to the user in plain Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(DomainError):
    """A field value is not acceptable; `field` names the model attribute."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class PermissionDenied(DomainError):
    """The signed-in person may not do this (权限不足)."""


class NotFound(DomainError):
    """The record does not exist (any more)."""


class AuthError(DomainError):
    """Sign-in failed: wrong password, unknown user or locked account."""


class DuplicateResident(DomainError):
    """A resident with this ID number exists already; `existing_id` is offered instead."""

    def __init__(self, message: str, existing_id: int) -> None:
        super().__init__(message)
        self.existing_id = existing_id


class DatabaseInUse(DomainError):
    """Another program holds the database file's lock."""


class DatabaseMissing(DomainError):
    """``--db`` names a SQLite file that does not exist (a typing mistake must not create an empty one)."""


class DatabaseTooNew(DomainError):
    """The database was created by a newer program; this one must not touch it."""


class DatabaseUnreachable(DomainError):
    """The database server cannot be reached (PostgreSQL: not running, wrong password, no such database)."""


class StorageFailed(DomainError):
    """The disk is full, read-only or failing: a file or a save could not be written."""


class DatabaseLocked(DomainError):
    """The SQLite file is encrypted and no key (sign-in or recovery key) was given to open it."""


class SessionEnded(PermissionDenied):
    """The signed-in account was disabled, or its role or grids changed: sign in again (请重新登录)."""
