"""Run Alongside from a checkout: `python main.py [COMMAND ...]` (see README)."""

import sys

from alongside.launch import main

if __name__ == "__main__":
    sys.exit(main())
