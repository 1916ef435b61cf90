"""Search over requests that stays fast at a million rows.

SQLite: two FTS5 indexes kept in the same transaction as every write.
- ``request_search`` (trigram): any 3+ character substring of the number, names, phones, addresses,
  description ... (trigram cannot match 1-2 characters, and LIKE on it silently finds nothing there);
- ``request_search_chars`` (unicode61 over space-separated characters): 1-2 character queries as a
  phrase (张三 → "张 三"), and pinyin keys of the requester's name (initials ``zs``, spelling ``zhangsan``).
Other databases fall back to ILIKE over the same columns.
"""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import ColumnElement, bindparam, or_, select, text
from sqlalchemy.orm import Session

from policeroom.models import AssistanceRequest
from policeroom.services.core.pinyin import looks_like_pinyin_query
from policeroom.services.core.records import contains

_ASCII_WORD = re.compile(r"[0-9A-Za-z]+")


def _is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def body_text(r: AssistanceRequest) -> str:
    parts = [
        r.number,
        r.requester_name,
        r.requester_phone,
        r.requester_phone.replace("-", ""),
        r.requester_address,
        r.location,
        r.category,
        r.description,
        r.feedback,
        r.referred_to,
    ]
    return " \n".join(p for p in parts if p)


def char_tokens(value: str) -> str:
    """Every non-ASCII character as its own token; ASCII words and numbers kept whole."""
    out: list[str] = []
    for ch_run in re.split(r"([0-9A-Za-z]+)", unicodedata.normalize("NFKC", value)):
        if _ASCII_WORD.fullmatch(ch_run or ""):
            out.append(ch_run.lower())
        else:
            out.extend(c for c in ch_run if c.isalnum())
    return " ".join(out)


def pinyin_tokens(full: str, initials: str) -> list[str]:
    """Pinyin keys as resident search has them: the whole name and every tail of it, so the given
    name (``nana``) and middle initials (``ynn``) of 欧阳娜娜 find the request too."""
    syllables = full.split()
    tokens = ["".join(syllables[i:]) for i in range(len(syllables))]
    tokens += [initials[i:] for i in range(len(initials) - 1)]
    return list(dict.fromkeys(t for t in tokens if t))


def index_request(session: Session, r: AssistanceRequest, pinyin_full: str = "") -> None:
    """(Re)write the request's search rows; call after every change, inside the same transaction."""
    if not _is_sqlite(session):
        return
    conn = session.connection()
    conn.execute(text("DELETE FROM request_search WHERE rowid = :id"), {"id": r.id})
    conn.execute(text("DELETE FROM request_search_chars WHERE rowid = :id"), {"id": r.id})
    body = body_text(r)
    conn.execute(text("INSERT INTO request_search (rowid, body) VALUES (:id, :body)"), {"id": r.id, "body": body})
    py = " ".join(pinyin_tokens(pinyin_full, r.requester_initials))
    conn.execute(
        text("INSERT INTO request_search_chars (rowid, chars, py) VALUES (:id, :chars, :py)"),
        {"id": r.id, "chars": char_tokens(body), "py": py},
    )


def remove_from_index(session: Session, request_id: int) -> None:
    if _is_sqlite(session):
        conn = session.connection()
        conn.execute(text("DELETE FROM request_search WHERE rowid = :id"), {"id": request_id})
        conn.execute(text("DELETE FROM request_search_chars WHERE rowid = :id"), {"id": request_id})


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _fts_queries(term: str) -> list[tuple[str, str]]:
    """(table, MATCH expression) pairs whose union is the set of requests matching ``term``."""
    queries: list[tuple[str, str]] = []
    if len(term) >= 3:
        queries.append(("request_search", _quote(term)))
    else:
        phrase = char_tokens(term)
        if phrase:
            queries.append(("request_search_chars", "chars : " + _quote(phrase)))
    if looks_like_pinyin_query(term):
        queries.append(("request_search_chars", "py : " + _quote(term.lower()) + " *"))
    return queries


def term_count(session: Session, term: str) -> int | None:
    """How many requests match ``term``, counted in the full-text index alone (None: not SQLite)."""
    if not _is_sqlite(session):
        return None
    term = unicodedata.normalize("NFKC", term).strip()
    queries = _fts_queries(term)
    if not queries:
        return 0
    union = " UNION ".join(f"SELECT rowid FROM {table} WHERE {table} MATCH :q{i}" for i, (table, _) in enumerate(queries))
    params = {f"q{i}": q for i, (_, q) in enumerate(queries)}
    return int(session.execute(text(f"SELECT count(*) FROM ({union})"), params).scalar() or 0)


def term_ids(session: Session, term: str, *, descending: bool, limit: int | None, offset: int) -> list[int] | None:
    """Matching ids in registration (rowid) order straight from the index: FTS5 walks its doclists in
    rowid order and stops at ``limit``, so even a query matching most rows answers at once."""
    if not _is_sqlite(session):
        return None
    term = unicodedata.normalize("NFKC", term).strip()
    queries = _fts_queries(term)
    if not queries:
        return []
    direction = "DESC" if descending else "ASC"
    if len(queries) == 1:
        table, _ = queries[0]
        sql = f"SELECT rowid FROM {table} WHERE {table} MATCH :q0 ORDER BY rowid {direction}"
    else:
        union = " UNION ".join(f"SELECT rowid AS r FROM {t} WHERE {t} MATCH :q{i}" for i, (t, _) in enumerate(queries))
        sql = f"SELECT r FROM ({union}) ORDER BY r {direction}"
    params: dict[str, object] = {f"q{i}": q for i, (_, q) in enumerate(queries)}
    if limit is not None:
        sql += " LIMIT :limit OFFSET :offset"
        params.update(limit=limit, offset=offset)
    return [row[0] for row in session.execute(text(sql), params)]


def term_clause(session: Session, term: str) -> ColumnElement[bool]:
    """Ids of requests matching one search term, as a clause on AssistanceRequest.id."""
    term = unicodedata.normalize("NFKC", term).strip()
    if not _is_sqlite(session):
        cols = (
            AssistanceRequest.number, AssistanceRequest.requester_name, AssistanceRequest.requester_phone,
            AssistanceRequest.requester_address, AssistanceRequest.location, AssistanceRequest.description,
        )
        clauses = [contains(c, term) for c in cols]
        if looks_like_pinyin_query(term):
            clauses.append(contains(AssistanceRequest.requester_initials, term.lower()))
        return or_(*clauses)
    queries = _fts_queries(term)
    if not queries:
        return AssistanceRequest.id.is_(None)
    subqueries = [
        select(text("rowid"))
        .select_from(text(table))
        .where(text(f"{table} MATCH :m").bindparams(bindparam("m", q, unique=True)))
        for table, q in queries
    ]
    return or_(*(AssistanceRequest.id.in_(sq) for sq in subqueries))
