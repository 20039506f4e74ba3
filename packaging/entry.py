"""The bundled program's entry point (PyInstaller runs this file as `__main__`)."""

import multiprocessing
import sys

from clienteling.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # Windows and macOS bundles spawn helpers this way
    sys.exit(main())
