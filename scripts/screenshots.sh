#!/usr/bin/env bash
# Regenerate docs/screenshots/*.png:  ./scripts/screenshots.sh [args for scripts/screenshots.py...]
#
# Installs xvfb, xauth, Qt's runtime libraries and CJK fonts (Debian, as root), prepares .venv,
# builds a demo database (2,000 rooms, 36 months, seed 7) in a temp dir, and runs
# scripts/screenshots.py in a real Qt window on a virtual 1440x900 screen (xvfb-run), then draws the
# printed documents (scripts/print_room_pngs.py, pdftoppm) and the statistics workbook's 汇总 sheet
# (scripts/stats_pngs.py, through LibreOffice when it is installed).
# The demo data and the screenshots both treat SCREENSHOT_TODAY (default 2026-11-16) as today,
# so every run draws the same pictures (only the workbench's "updated at" and the receipt's
# printing time show the real clock).
# CUIJIAO_VENV=/path uses another virtual environment (see scripts/lib.sh for more settings).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ ! -f "$REPO_ROOT/scripts/screenshots.py" ]]; then
    die "scripts/screenshots.py does not exist yet: nothing to run"
fi

if ! ensure_debian_packages "screenshots (virtual screen, Qt runtime libraries, CJK fonts)" \
    xvfb xauth poppler-utils "${QT_RUNTIME_PACKAGES[@]}" "${CJK_FONT_PACKAGES[@]}"; then
    warn "continuing without them"
fi
command -v xvfb-run >/dev/null 2>&1 ||
    die "xvfb-run not found. Debian/Ubuntu: sudo apt-get install --no-install-recommends xvfb xauth"
ensure_venv

WORK="$(mktemp -d "${TMPDIR:-/tmp}/cuijiao-screenshots.XXXXXX")"
trap 'rm -rf -- "$WORK"' EXIT
DB_URL="sqlite:///$WORK/demo.sqlite3"
TODAY="${SCREENSHOT_TODAY:-2026-11-16}"
# What the status bar and settings page name as the database: the app's default file, not $WORK
# (a literal "~", the same on every machine).
# shellcheck disable=SC2088
DB_LABEL='~/.local/share/Cuijiao/cuijiao-desktop/cuijiao.sqlite3'

info "building the demo database (2000 rooms, 36 months, seed 7, today $TODAY) in $WORK"
t0=$SECONDS
"$VENV/bin/cuijiao" --db "$DB_URL" demo --rooms 2000 --months 36 --seed 7 --today "$TODAY"
info "demo database built in $((SECONDS - t0)) s; taking screenshots into docs/screenshots"

mkdir -p "$REPO_ROOT/docs/screenshots"
# A real X server (not QT_QPA_PLATFORM=offscreen) so the screenshots show real window decorations
# and font rendering.
unset QT_QPA_PLATFORM
xvfb-run -a -s "-screen 0 1440x900x24" \
    "$VENV/bin/python" scripts/screenshots.py --db "$DB_URL" --out docs/screenshots --today "$TODAY" \
    --size 1440x900 --db-label "${DB_LABEL}" "$@"
info "screenshots written to docs/screenshots"

# the printed documents (notices, boards, the visit sheet) and the statistics workbook, each on its own
# fresh demo database of the same seed and day
"$VENV/bin/python" scripts/print_room_pngs.py --out docs/screenshots --today "$TODAY"
if command -v soffice >/dev/null 2>&1; then
    "$VENV/bin/python" scripts/stats_pngs.py --out docs/screenshots --today "$TODAY"
else
    warn "LibreOffice (soffice) not found: 72-stats-summary.png not redrawn (Debian: apt-get install libreoffice-calc-nogui)"
fi
