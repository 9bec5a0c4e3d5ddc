"""`python -m alongside`, the same as the `alongside` command."""

import sys

from alongside.launch import main

sys.exit(main())
