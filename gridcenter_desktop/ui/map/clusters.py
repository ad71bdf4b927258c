"""Screen-space clustering of ticket points (numpy only, no Qt: tests call it directly).

The visible points are binned into square cells of ``cell`` pixels; a cell holding one point
shows that point, a cell holding several shows one disc with their count at their mean
position, coloured by the worst state inside (overdue over due soon over open over closed).
A few bincounts over the cells: about 10 ms for 100,000 points (bench/map.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

CELL_PX = 36
# Point states are 0..STATES-1 (services.map_points.STATE_*), worse is higher.
STATES = 4


@dataclass(frozen=True, slots=True)
class Clusters:
    """Parallel arrays, one entry per occupied cell: screen position, count, worst state,
    and for single-point cells the index of that point in the input (-1 for clusters)."""

    x: np.ndarray
    y: np.ndarray
    count: np.ndarray
    state: np.ndarray
    single: np.ndarray

    def __len__(self) -> int:
        return len(self.count)


def cluster(
    px: np.ndarray,
    py: np.ndarray,
    state: np.ndarray,
    width: float,
    height: float,
    cell: int = CELL_PX,
) -> Clusters:
    """Bin the screen positions (px, py) that fall inside width x height into cells."""
    inside = np.flatnonzero((px >= 0) & (px < width) & (py >= 0) & (py < height))
    nx = max(1, int(np.ceil(width / cell)))
    ny = max(1, int(np.ceil(height / cell)))
    if inside.size == 0:
        empty = np.empty(0)
        return Clusters(
            empty, empty, empty.astype(np.int64), empty.astype(np.int8), empty.astype(np.int64)
        )
    x, y, s = px[inside], py[inside], state[inside]
    inv = 1.0 / cell
    key = (x * inv).astype(np.int64) * ny + (y * inv).astype(np.int64)
    cells = nx * ny
    count = np.bincount(key, minlength=cells)
    occupied = np.flatnonzero(count)
    n = count[occupied]
    sx = np.bincount(key, weights=x, minlength=cells)[occupied] / n
    sy = np.bincount(key, weights=y, minlength=cells)[occupied] / n
    # Which states each cell holds, in one bincount over (cell, state); the worst is the
    # highest present (states are 0..STATES-1, worse is higher).
    present = np.bincount(key * STATES + s, minlength=cells * STATES).reshape(cells, STATES)
    present = present[occupied] > 0
    worst = (STATES - 1 - np.argmax(present[:, ::-1], axis=1)).astype(np.int8)
    # The one point of a single-point cell: any index of it (the last write wins).
    index = np.full(cells, -1, dtype=np.int64)
    index[key] = inside
    single = np.where(n == 1, index[occupied], -1)
    return Clusters(sx, sy, n, worst, single)
