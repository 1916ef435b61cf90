"""Key slots: a password unwraps the database key, a wrong one does not; the recovery key; the file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policeroom.vault.keys import KeyFile, KeyFileInvalid, Slot, key_check
from policeroom.vault.recovery import ALPHABET, new_recovery_key, normalise

KEY = bytes(range(32))


def test_a_slot_opens_with_its_password_only() -> None:
    slot = Slot.wrap(KEY, "jingwu2026", account_id=1, username="wangjj")
    assert slot.unwrap("jingwu2026") == KEY
    assert slot.unwrap("jingwu2027") is None
    assert slot.unwrap("") is None
    assert KEY not in slot.wrapped and slot.wrapped != bytes(32)
    again = Slot.wrap(KEY, "jingwu2026")  # a fresh salt each time: the same password wraps differently
    assert again.salt != slot.salt and again.wrapped != slot.wrapped


def test_a_tampered_slot_opens_nothing() -> None:
    slot = Slot.wrap(KEY, "jingwu2026")
    flipped = Slot(slot.kind, slot.account_id, slot.username, slot.n, slot.salt,
                   bytes([slot.wrapped[0] ^ 1]) + slot.wrapped[1:], slot.tag)
    assert flipped.unwrap("jingwu2026") is None
    greedy = Slot(slot.kind, None, "", 2**24, slot.salt, slot.wrapped, slot.tag)
    assert greedy.unwrap("jingwu2026") is None  # no 16 GiB scrypt from an edited file


def test_key_file_round_trip_and_account_slots(tmp_path: Path) -> None:
    path = tmp_path / "a.db.keys"
    kf = KeyFile(room_name="安华里社区警务室", set_up=True, check=key_check(KEY))
    kf.put_account(KEY, 1, "wangjj", "jingwu2026")
    kf.put_account(KEY, 2, "liuxy", "liuxy2026a")
    kf.save(path)
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    text = path.read_text(encoding="utf-8")
    assert "jingwu2026" not in text and KEY.hex() not in text
    loaded = KeyFile.load(path)
    assert loaded.room_name == "安华里社区警务室" and loaded.set_up
    assert loaded.unlock("WangJJ", "jingwu2026") == KEY  # user names as sign-in matches them
    assert loaded.unlock("liuxy", "jingwu2026") is None
    assert loaded.unlock("nobody", "jingwu2026") is None
    # a new password is added beside the old one and the old one goes only once the change is saved
    sid = loaded.add_account(KEY, 1, "wangjj", "xinmima2027")
    assert loaded.unlock("wangjj", "jingwu2026") == KEY and loaded.unlock("wangjj", "xinmima2027") == KEY
    loaded.keep_only(1, sid)
    assert loaded.unlock("wangjj", "jingwu2026") is None and loaded.unlock("wangjj", "xinmima2027") == KEY
    loaded.drop_account(2)
    assert loaded.unlock("liuxy", "liuxy2026a") is None


def test_a_key_file_of_another_database_does_not_open_this_one(tmp_path: Path) -> None:
    kf = KeyFile(check=key_check(os.urandom(32)))
    kf.put_account(KEY, 1, "wangjj", "jingwu2026")  # wraps a key that is not this file's
    assert kf.unlock("wangjj", "jingwu2026") is None


def test_damaged_or_missing_key_file_is_said_in_chinese(tmp_path: Path) -> None:
    with pytest.raises(KeyFileInvalid, match="找不到数据库的密钥文件"):
        KeyFile.load(tmp_path / "none.keys")
    bad = tmp_path / "bad.keys"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(KeyFileInvalid, match="已损坏"):
        KeyFile.load(bad)
    bad.write_text(json.dumps({"format": 99}), encoding="utf-8")
    with pytest.raises(KeyFileInvalid, match="较新版本"):
        KeyFile.load(bad)


def test_recovery_key_opens_its_slot() -> None:
    recovery = new_recovery_key()
    assert len(recovery) == 29 and recovery.count("-") == 5
    kf = KeyFile(check=key_check(KEY))
    kf.put_recovery(KEY, recovery)
    assert kf.unlock_recovery(recovery.lower().replace("-", " ")) == KEY
    assert kf.unlock_recovery(new_recovery_key()) is None
    assert kf.unlock_recovery("too short") is None


@given(st.text(alphabet=ALPHABET, min_size=24, max_size=24), st.sampled_from(["", " ", "-", "  "]))
def test_recovery_key_typed_back_any_way(raw: str, sep: str) -> None:
    grouped = "-".join(raw[i:i + 4] for i in range(0, 24, 4))
    typed = sep.join(raw[i:i + 4] for i in range(0, 24, 4)).lower()
    assert normalise(typed) == grouped


@given(st.text(max_size=40))
def test_normalise_never_accepts_a_wrong_shape(text: str) -> None:
    out = normalise(text)
    assert out is None or (len(out.replace("-", "")) == 24 and set(out.replace("-", "")) <= set(ALPHABET))


@pytest.mark.real_password_cost
def test_slots_use_the_password_hashing_cost() -> None:
    from policeroom.services.people import passwords

    slot = Slot.wrap(KEY, "jingwu2026")
    assert slot.n == passwords.COST_N >= 2**17
    assert slot.unwrap("jingwu2026") == KEY
