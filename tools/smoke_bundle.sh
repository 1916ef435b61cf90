#!/usr/bin/env bash
# Smoke test of the desk-PC build (tools/build_bundle.py -> dist/policeroom/), headless (offscreen):
#   self-check, seed-demo, print an agreement, a request form, the weekly summary, pdffonts check,
#   the window started briefly (--demo, quits itself once its data is shown), and the figures:
#   folder size, start time of the built program vs the source run.
# Usage: tools/smoke_bundle.sh [dist/policeroom]   (PYTHON=… for the source run; default python3)
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$(pwd)"
BUNDLE="$(cd "${1:-dist/policeroom}" && pwd)"
PY="${PYTHON:-python3}"
CLI="$BUNDLE/policeroom-cli"
WIN="$BUNDLE/policeroom"
[ -x "$CLI" ] && [ -x "$WIN" ] || { echo "smoke_bundle: no build in $BUNDLE (python tools/build_bundle.py)" >&2; exit 2; }
command -v pdffonts >/dev/null || { echo "smoke_bundle: pdffonts missing (poppler-utils)" >&2; exit 2; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/policeroom-smoke.XXXXXX")"
[ "${KEEP:-}" = 1 ] && echo "smoke_bundle: keeping $WORK" || trap 'rm -rf "$WORK"' EXIT
cd "$WORK"  # away from the checkout
export QT_QPA_PLATFORM=offscreen HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/config" \
  XDG_DATA_HOME="$WORK/home/data" XDG_CACHE_HOME="$WORK/home/cache" XDG_STATE_HOME="$WORK/home/state" \
  POLICEROOM_LOG_DIR="$WORK/home/logs"
unset PYTHONPATH POLICEROOM_DATABASE_URL
step() { echo "== smoke_bundle: $*"; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

step "self-check (fonts, migrations, OR-Tools, pdfium, pypinyin, holidays, Qt plugins and translation)"
"$CLI" self-check

step "seed-demo"
t0=$(now); "$CLI" --db X.db seed-demo; t1=$(now); SEED_BUNDLE=$(secs "$t0" "$t1")

# A case with a written agreement and a request. The file seed-demo made is encrypted (SQLCipher): read
# through the source install, signed in as the demo officer (the password opens the key slot).
export POLICEROOM_PASSWORD=demo1234
read_db() { "$PY" -c "
import sys
from policeroom.vault.signin import open_signed_in
signed = open_signed_in('sqlite:///X.db', 'wangjianjun', 'demo1234', program='smoke_bundle', encrypt=False)
with signed.db.engine.connect() as conn:
    print(conn.exec_driver_sql(sys.argv[1]).scalar())
signed.db.close()" "$1"; }
step "the file seed-demo made is encrypted (no plain SQLite header)"
[ "$(head -c 15 X.db)" != "SQLite format 3" ] || { echo "smoke_bundle: X.db is not encrypted" >&2; exit 1; }
AGREEMENT="$(read_db "SELECT number FROM mediation_case WHERE kind = 'people' AND agreement_kind = 'written' ORDER BY id LIMIT 1")"
REQUEST="$(read_db "SELECT number FROM assistance_request ORDER BY id LIMIT 1")"

step "printing (agreement $AGREEMENT, request form, weekly summary, roster)"
"$CLI" --db X.db --user wangjianjun print agreement "$AGREEMENT" -o a.pdf
"$CLI" --db X.db --user wangjianjun print request "$REQUEST" -o r.pdf
"$CLI" --db X.db --user wangjianjun report weekly -o w.pdf
"$CLI" --db X.db --user wangjianjun print roster "$(date +%G-W%V)" -o roster.pdf

step "every font embedded (pdffonts)"
status=0
for pdf in a.pdf r.pdf w.pdf roster.pdf; do
  fonts="$(pdffonts "$pdf" | tail -n +3)"
  bad="$(echo "$fonts" | awk '$(NF-4) != "yes"')"
  if [ -z "$fonts" ] || [ -n "$bad" ]; then
    echo "  $pdf: fonts not embedded: ${bad:-none listed}" >&2; status=1
  else
    echo "  $pdf: $(echo "$fonts" | wc -l) fonts, all embedded"
  fi
done
[ "$status" -eq 0 ] || { echo "smoke_bundle: FAILED" >&2; exit 1; }

step "the window, offscreen (--demo; the start-up probe quits once the main window shows its data)"
out="$(POLICEROOM_STARTUP_PROBE=1 timeout 180 "$WIN" --demo 2>"$WORK/gui.err")" || {
  echo "smoke_bundle: the window did not start:" >&2; tail -20 "$WORK/gui.err" >&2; exit 1; }
echo "$out" | grep -q STARTUP_READY || { echo "smoke_bundle: no STARTUP_READY: $out" >&2; exit 1; }
echo "  main window shown and filled"

step "figures"
size="$(du -sh "$BUNDLE" | cut -f1)"
t0=$(now); "$CLI" --version >/dev/null; t1=$(now); VER_BUNDLE=$(secs "$t0" "$t1")
echo "  folder size:           $size ($BUNDLE)"
echo "  policeroom --version:  bundle ${VER_BUNDLE} s"
echo "  seed-demo:             bundle ${SEED_BUNDLE} s"
if "$PY" -c "import policeroom" 2>/dev/null; then
  t0=$(now); "$PY" -m policeroom --version >/dev/null; t1=$(now)
  echo "  policeroom --version:  source $(secs "$t0" "$t1") s ($PY -m policeroom)"
  t0=$(now); "$PY" -m policeroom --db Y.db seed-demo >/dev/null; t1=$(now)
  echo "  seed-demo:             source $(secs "$t0" "$t1") s"
  # Time to the first window (median of a few runs; a warm-up run first), source and bundle.
  "$PY" "$REPO/benchmarks/startup.py" --runs "${RUNS:-3}" --program "$WIN"
else
  echo "  (no policeroom importable by $PY: the source run is not timed)"
fi
echo "smoke_bundle: OK"
