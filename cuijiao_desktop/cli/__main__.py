"""``python -m cuijiao_desktop.cli`` runs the command line."""

import sys

from cuijiao_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
