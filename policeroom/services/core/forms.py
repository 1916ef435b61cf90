"""Collecting field errors so a form shows every problem at once, each beside its field."""

from __future__ import annotations

from policeroom.errors import ValidationError


class FormErrors(ValidationError):
    """Several field errors at once; ``errors`` maps field -> Chinese message."""

    def __init__(self) -> None:
        super().__init__("", "")
        self.errors: dict[str, str] = {}

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, message)

    def capture(self, error: ValidationError) -> None:
        for f, m in errors_of(error).items():
            self.add(f, m)

    def raise_if_any(self) -> None:
        if self.errors:
            self.field, self.message = next(iter(self.errors.items()))
            self.args = ("；".join(self.errors.values()),)
            raise self


def errors_of(error: ValidationError) -> dict[str, str]:
    """Field -> message for either a single ValidationError or FormErrors."""
    if isinstance(error, FormErrors):
        return dict(error.errors)
    return {error.field: error.message}
