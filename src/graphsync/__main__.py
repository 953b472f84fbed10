"""`python -m graphsync`: the same command line as `graphsync`."""

import sys

from graphsync.cli import main

sys.exit(main())
