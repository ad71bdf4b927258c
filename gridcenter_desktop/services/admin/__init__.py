"""Town administration: areas, grid teams, departments, deadline rules and the town's settings.

Every changing service here is for administrators, writes one audit entry with the values
before and after, and commits only when asked (``commit=False`` lets the base-data import
commit a whole workbook at once)."""

from __future__ import annotations


class _Keep:
    """The default of an optional argument that may also be None: "leave it as it is" (None
    clears the value)."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP = _Keep()
