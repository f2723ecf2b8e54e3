#!/usr/bin/env bash
# Run the benchmarks:  ./scripts/benchmarks.sh [args for `python -m benchmarks`...]
#
# Prepares .venv like run-app.sh (and the Qt runtime libraries and CJK fonts on Debian when root),
# then runs `python -m benchmarks` from benchmarks/. Without a display, Qt runs offscreen.
# CUIJIAO_VENV=/path uses another virtual environment (see scripts/lib.sh for more settings).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ ! -f "$REPO_ROOT/benchmarks/__main__.py" ]]; then
    die "no benchmarks yet: benchmarks/__main__.py does not exist, so there is nothing to run"
fi

if ! ensure_debian_packages "the benchmarks (Qt runtime libraries, CJK fonts)" \
    "${QT_RUNTIME_PACKAGES[@]}" "${CJK_FONT_PACKAGES[@]}"; then
    warn "continuing without them"
fi
ensure_venv

if ! have_display; then
    export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
fi
exec "$VENV/bin/python" -m benchmarks "$@"
