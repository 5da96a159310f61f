"""k-anonymity by a generalisation ladder, then suppression: pure functions over tuples.

Each record has a tuple of quasi-identifier values. A *ladder* is a sequence of steps; step L
coarsens one value of what steps 1..L−1 produced (level 0 = the values as recorded). Then

1. at level 0, every group of at least k records with equal values is kept as it is;
2. at each next level L, the records not yet kept are grouped by their level-L values, and every
   such group of at least k records is kept at level L;
3. records not kept after the last level are suppressed.

A record is generalised only because its own group was too small: a record in a group of k or
more is published as recorded. Every output group (records with equal output values) has at
least k records, because each was kept as a group of at least k and groups that end with equal
values only add up. The result depends on the records' values alone, not on their order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

Values = tuple[str, ...]


@dataclass(frozen=True)
class Step:
    """One rung of the ladder: ``column`` (an index into the values) becomes ``coarser(value)``.

    ``coarser`` leaves alone every value it does not know (an empty value, a band or span
    already coarser), so a ladder can be cut or reordered.
    """

    name: str
    column: int
    coarser: Callable[[str], str]
    doc: str = ""

    def __call__(self, values: Values) -> Values:
        out = list(values)
        out[self.column] = self.coarser(values[self.column])
        return tuple(out)


@dataclass(frozen=True)
class Result:
    """Where each record ended: ``level[i]`` (None = suppressed) and its output ``values[i]``."""

    level: tuple[int | None, ...]
    values: tuple[Values | None, ...]
    original: tuple[Values, ...]

    @property
    def suppressed(self) -> int:
        return sum(1 for lv in self.level if lv is None)

    @property
    def generalised(self) -> int:
        """Records kept whose output values differ from their values as given."""
        return sum(1 for out, orig in zip(self.values, self.original, strict=True)
                   if out is not None and out != orig)

    @property
    def kept(self) -> int:
        return len(self.level) - self.suppressed

    def by_level(self) -> dict[int, int]:
        counts: dict[int, int] = defaultdict(int)
        for lv in self.level:
            if lv is not None:
                counts[lv] += 1
        return dict(sorted(counts.items()))


def levels_of(values: Values, ladder: Sequence[Step]) -> list[Values]:
    """The record's values at level 0, 1, …, len(ladder)."""
    out = [tuple(values)]
    for step in ladder:
        out.append(step(out[-1]))
    return out


def anonymise(records: Sequence[Values], k: int, ladder: Sequence[Step]) -> Result:
    """Keep every record at the lowest level where it is in a group of at least k records not
    kept before, or suppress it (module docstring)."""
    if k < 1:
        raise ValueError(f"k must be at least 1, not {k}")
    at = [levels_of(tuple(r), ladder) for r in records]
    level: list[int | None] = [None] * len(records)
    pending = list(range(len(records)))
    for lv in range(len(ladder) + 1):
        groups: dict[Values, list[int]] = defaultdict(list)
        for i in pending:
            groups[at[i][lv]].append(i)
        for members in groups.values():
            if len(members) >= k:
                for i in members:
                    level[i] = lv
        pending = [i for i in pending if level[i] is None]
    values = tuple(None if lv is None else at[i][lv] for i, lv in enumerate(level))
    return Result(tuple(level), values, tuple(a[0] for a in at))


def smallest_group(values: Sequence[Values | None]) -> int:
    """Size of the smallest group of equal output values (0 when nothing is kept)."""
    counts: dict[Values, int] = defaultdict(int)
    for v in values:
        if v is not None:
            counts[v] += 1
    return min(counts.values(), default=0)
