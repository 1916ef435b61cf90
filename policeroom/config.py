"""Where the data lives: the database URL and folders. Imports nothing heavy (start-up speed)."""

from __future__ import annotations

import os
from pathlib import Path

from policeroom import APP_NAME

ENV_URL = "POLICEROOM_DATABASE_URL"
#: Bump when the demo community changes, so cached demo databases (keyed by it) are rebuilt.
DEMO_VERSION = 12  # 12: grid work, tips, volunteers and activities


def default_db_path() -> Path:
    """The SQLite file in the user's data folder (e.g. %LOCALAPPDATA%\\policeroom on Windows)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)) / "policeroom.db"


def resolve_url(db: str | os.PathLike[str] | None = None, env: dict[str, str] | os._Environ[str] | None = None) -> str:
    """Choose the database: ``--db`` (a path or a URL), then $POLICEROOM_DATABASE_URL, then the default."""
    env = os.environ if env is None else env
    chosen = str(db) if db else env.get(ENV_URL, "")
    if not chosen:
        chosen = str(default_db_path())
    if "://" in chosen:
        return chosen
    return "sqlite:///" + str(Path(chosen).expanduser().resolve())


def sqlite_path(url: str) -> Path | None:
    """The file of a ``sqlite:///`` URL, or None for other databases and in-memory SQLite."""
    if not url.startswith("sqlite"):
        return None
    rest = url.split("://", 1)[1] if "://" in url else ""
    rest = rest[1:] if rest.startswith("/") else rest  # sqlite:///rel or sqlite:////abs
    rest = rest.split("?", 1)[0]
    if not rest or rest == ":memory:":
        return None
    return Path(rest)


def cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(os.environ.get("POLICEROOM_CACHE_DIR") or user_cache_dir(APP_NAME, appauthor=False))
