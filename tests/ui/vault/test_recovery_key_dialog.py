"""The recovery key dialog: shown once, closes only once printed or written down."""

from __future__ import annotations

from policeroom.ui.vault.recovery_key import RecoveryKeyDialog

KEY = "ABCD-EFGH-JKMN-PQRS-TUVW-XYZ2"


def test_it_stays_until_printed_or_written_down(qtbot, monkeypatch) -> None:  # noqa: ANN001
    dlg = RecoveryKeyDialog(KEY, room_name="安华里社区警务室", database="/data/policeroom.db")
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.key_label.text() == KEY and not dlg.done_button.isEnabled()
    dlg.reject()  # Esc: the only copy must not vanish unseen
    assert dlg.isVisible()
    shown: list[tuple[bytes, str]] = []
    monkeypatch.setattr("policeroom.ui.widgets.pdf_preview.show_pdf",
                        lambda parent, pdf, name: shown.append((pdf, name)))
    dlg.print_button.click()
    assert shown and shown[0][0].startswith(b"%PDF") and shown[0][1] == "数据库恢复密钥.pdf"
    assert dlg.done_button.isEnabled()
    dlg.done_button.click()
    assert not dlg.isVisible()


def test_written_down_is_enough(qtbot) -> None:  # noqa: ANN001
    dlg = RecoveryKeyDialog(KEY, room_name="", database="/data/policeroom.db", converted=True)
    qtbot.addWidget(dlg)
    dlg.written.setChecked(True)
    assert dlg.done_button.isEnabled()
