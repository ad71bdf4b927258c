"""``python -m gridcenter_desktop``: the same as the ``gridcenter`` command."""

import sys

from gridcenter_desktop.cli import main

sys.exit(main())
