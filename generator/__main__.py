"""``python -m generator`` is the ``timeline`` command."""

import sys

from .cli import main

sys.exit(main())
