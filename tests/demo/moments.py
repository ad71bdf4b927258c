"""The demo tests' pinned "now"s (China time), so they do not depend on the day they run."""

from datetime import datetime

# A Wednesday, a working day: the demo carries on from the report to it.
NOW = datetime(2026, 12, 2, 10, 0)
# A week after the report: recent years, the period and a few days (a smaller, quicker build).
SMALL_NOW = datetime(2022, 11, 1, 10, 0)
