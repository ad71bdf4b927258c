"""GridCenter Desktop.

The version is the installed distribution's (pyproject.toml is the one place it is written);
the frozen folder carries that metadata too (build.spec copies it). A source tree used without
being installed has no metadata, hence the fallback.
"""

from importlib.metadata import PackageNotFoundError, version

DISTRIBUTION = "gridcenter-desktop"

try:
    __version__ = version(DISTRIBUTION)
except PackageNotFoundError:
    __version__ = "0+unknown"
