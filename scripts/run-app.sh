#!/usr/bin/env bash
# Start the desktop app:  ./scripts/run-app.sh [app args...]   e.g.  --db postgresql+psycopg://user:pass@host:5432/cuijiao
#
# First run: installs Qt's runtime libraries and CJK fonts (Debian/Ubuntu, when run as root;
# otherwise prints what to install), creates .venv and installs the project into it. Later runs
# only check and start the app. With no --db / CUIJIAO_DB_URL the app opens an SQLite file in your
# user data folder and fills it with demo data the first time (--demo-if-empty).
# CUIJIAO_VENV=/path uses another virtual environment (see scripts/lib.sh for more settings).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if ! have_display && [[ -z "${QT_QPA_PLATFORM:-}" && "${CUIJIAO_SETUP_ONLY:-}" != 1 ]]; then
    cat >&2 <<'MSG'
[cuijiao] ERROR: no display: neither $DISPLAY nor $WAYLAND_DISPLAY is set, so the window cannot open.
  - On a desktop, run this from a terminal inside your graphical session.
  - Over SSH, use `ssh -X` (X forwarding).
  - On a headless server, run it on a virtual screen:
        sudo apt-get install --no-install-recommends xvfb xauth     # once
        xvfb-run -a -s "-screen 0 1440x900x24" ./scripts/run-app.sh
  - To only prepare .venv without starting the app: CUIJIAO_SETUP_ONLY=1 ./scripts/run-app.sh
MSG
    exit 1
fi

if ! ensure_debian_packages "the desktop app (Qt runtime libraries, CJK fonts)" \
    "${QT_RUNTIME_PACKAGES[@]}" "${CJK_FONT_PACKAGES[@]}"; then
    warn "trying to start anyway; if Qt fails to load its 'xcb' plugin, install the packages above"
fi

ensure_venv

if [[ "${CUIJIAO_SETUP_ONLY:-}" == 1 ]]; then
    info "setup done: $VENV is ready (CUIJIAO_SETUP_ONLY=1, not starting the app)"
    exit 0
fi

exec "$VENV/bin/python" -m cuijiao_desktop --demo-if-empty "$@"
