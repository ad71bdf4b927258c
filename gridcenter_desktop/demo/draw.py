"""Weighted draws that a million tickets can afford.

``random.choices`` recomputes the cumulative weights on every call; the demo draws from the
same few tables millions of times, so they are accumulated once here.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Iterable, Sequence
from itertools import accumulate
from typing import Generic, TypeVar

T = TypeVar("T")


class Weighted(Generic[T]):
    """A fixed table of items and their relative weights."""

    __slots__ = ("_items", "_cumulative", "_total")

    def __init__(self, items: Sequence[T], weights: Iterable[float]) -> None:
        self._items = tuple(items)
        self._cumulative = tuple(accumulate(weights))
        if len(self._cumulative) != len(self._items) or not self._items:
            raise ValueError("one positive weight per item, at least one item")
        self._total = self._cumulative[-1]

    @classmethod
    def of(cls, table: dict[T, float]) -> Weighted[T]:
        return cls(tuple(table), tuple(table.values()))

    def pick(self, rng: random.Random) -> T:
        """One item, drawn with probability proportional to its weight."""
        return self._items[bisect(self._cumulative, rng.random() * self._total)]
