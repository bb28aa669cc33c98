"""``python -m chronique``: the same command line as the ``chronique`` script."""
import sys

from .cli import main

sys.exit(main())
