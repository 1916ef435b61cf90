#!/usr/bin/env bash
# Build the wheel, install it (not editable) into a fresh venv, and use it from a folder far from the
# checkout: seed the demo, print an agreement, a request form and the weekly summary, and check with
# pdffonts (poppler-utils) that every font of every PDF is embedded. Exits non-zero on any failure.
#
# Usage: tools/check_wheel.sh            (uses `python3`, or $PYTHON; needs pdffonts and PyPI or a pip index)
#        KEEP=1 tools/check_wheel.sh     (keep the temporary folder for a look)
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$(pwd)"
PY="${PYTHON:-python3}"
command -v pdffonts >/dev/null || { echo "check_wheel: pdffonts missing (apt-get install poppler-utils)" >&2; exit 2; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/policeroom-wheel.XXXXXX")"
[ "${KEEP:-}" = 1 ] && echo "check_wheel: keeping $WORK" || trap 'rm -rf "$WORK"' EXIT
step() { echo "== check_wheel: $*"; }

step "building the wheel"
"$PY" -m pip wheel -q --no-deps -w "$WORK/dist" "$REPO"
WHEEL="$(ls "$WORK"/dist/policeroom-*.whl)"
# The wheel must carry the fonts and their licences (setup.py copies resources/fonts into policeroom/fonts).
"$PY" - "$WHEEL" <<'PY'
import sys, zipfile
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
need = {f"policeroom/fonts/{n}" for n in ("PoliceroomSans.ttf", "PoliceroomSong.ttf",
                                          "PoliceroomSans-LICENSE.txt", "PoliceroomSong-LICENSE.txt")}
need |= {"policeroom/migrations/env.py", "policeroom/migrations/script.py.mako"}
missing = sorted(need - names)
stray = sorted(n for n in names if n.startswith(("resources/", "tests/", "tools/")))
if missing or stray:
    sys.exit(f"check_wheel: wheel lacks {missing} / carries {stray}")
PY

step "installing it into a fresh venv"
"$PY" -m venv "$WORK/venv"
VPY="$WORK/venv/bin/python"
"$VPY" -m pip install -q --disable-pip-version-check "$WHEEL"

RUN="$WORK/run"
mkdir -p "$RUN"
cd "$RUN"  # far from the checkout: nothing may be found relative to it
export QT_QPA_PLATFORM=offscreen HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/config" \
  XDG_DATA_HOME="$WORK/home/data" XDG_CACHE_HOME="$WORK/home/cache" XDG_STATE_HOME="$WORK/home/state" \
  POLICEROOM_LOG_DIR="$WORK/home/logs"
unset PYTHONPATH POLICEROOM_DATABASE_URL
APP="$WORK/venv/bin/policeroom"

step "the installed package finds its fonts inside itself"
"$VPY" -c "
import sys
from policeroom.resources import font_path, song_font_path
for p in (font_path(), song_font_path()):
    print('  ', p)
    assert p.is_file() and str(p).startswith(sys.prefix), p
"

step "policeroom --db X.db seed-demo"
"$APP" --db X.db seed-demo
# seed-demo makes an encrypted file (SQLCipher from the wheel's dependency): the demo password opens it.
export POLICEROOM_PASSWORD=demo1234
AGREEMENT="$("$VPY" - <<'PY'
from policeroom.services.mediation.types import CaseFilter
from policeroom.services.registry import Services
from policeroom.vault.signin import open_signed_in
signed = open_signed_in("sqlite:///X.db", "wangjianjun", "demo1234", program="check_wheel", encrypt=False)
sv = Services(signed.db.sessions, signed.actor)
print(next(r.number for r in sv.cases.rows(CaseFilter())
           if r.kind.value == "people" and sv.cases.doc(r.id).agreement_kind == "written"))
with signed.db.engine.connect() as conn:
    print(conn.exec_driver_sql("SELECT number FROM assistance_request ORDER BY id LIMIT 1").scalar())
signed.db.close()
PY
)"
REQUEST="$(echo "$AGREEMENT" | sed -n 2p)"
AGREEMENT="$(echo "$AGREEMENT" | sed -n 1p)"

step "printing"
"$APP" --db X.db --user wangjianjun print agreement "$AGREEMENT" -o a.pdf
"$APP" --db X.db --user wangjianjun print request "$REQUEST" -o r.pdf
"$APP" --db X.db --user wangjianjun report weekly -o w.pdf
"$APP" --db X.db --user wangjianjun report disputes-monthly -o d.pdf

step "every font embedded (pdffonts)"
status=0
for pdf in a.pdf r.pdf w.pdf d.pdf; do
  fonts="$(pdffonts "$pdf" | tail -n +3)"
  [ -n "$fonts" ] || { echo "  $pdf: no fonts at all?" >&2; status=1; continue; }
  # Columns: name type encoding emb sub uni object-ID (the type may hold a space: count from the end).
  bad="$(echo "$fonts" | awk '$(NF-4) != "yes"')"
  if [ -n "$bad" ]; then
    echo "  $pdf: fonts not embedded:" >&2; echo "$bad" >&2; status=1
  else
    echo "  $pdf: $(echo "$fonts" | wc -l) fonts, all embedded ($(echo "$fonts" | awk '{print $1}' | sort -u | tr '\n' ' '))"
  fi
done
[ "$status" -eq 0 ] || { echo "check_wheel: FAILED" >&2; exit 1; }

size_bytes="$(stat -c %s "$WHEEL" 2>/dev/null || wc -c <"$WHEEL")"
echo "check_wheel: OK; wheel $(basename "$WHEEL"): $(du -h "$WHEEL" | cut -f1) ($size_bytes bytes)"
