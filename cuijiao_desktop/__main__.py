"""``python -m cuijiao_desktop`` starts the desktop program."""

import sys

from cuijiao_desktop.app import main

if __name__ == "__main__":
    sys.exit(main())
