"""``python -m gridcenter_desktop``: the same as the ``gridcenter`` command.

Also the entry point of the application folder (build.spec). Its Windows desk program has no
console, and there Python starts with ``sys.stdout`` and ``sys.stderr`` set to None: anything
printed (argparse's --version, a start-up error also shown in a dialog, a logging handler on
stderr) would raise instead. They are pointed at the null device, so the window still opens.
"""

import os
import sys

from gridcenter_desktop.cli import main

for _name in ("stdout", "stderr"):
    if getattr(sys, _name) is None:
        setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115

sys.exit(main())
