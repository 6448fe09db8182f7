"""Chart values written out: in a chart's labels and in its alt text, the same way.

A chart value is a whole number or a decimal as the record wrote it (64.5). Python
floats are read back through their shortest form (``repr``), so 0.1 is written "0.1"
and never "0.1000000000000000055511151231257827"; whole values are written without a
decimal point, and thousands are grouped with commas as English papers group them.
Kept apart from the drawing code so the models can write alt text without loading it.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

MAX_PLACES = 3
"""Decimal places a chart label shows at most: a finer value is rounded in the picture
(the alt text and the paper's table give it as written)."""


def exact(value: float) -> Decimal:
    """The value as the decimal the record wrote (its shortest form), never -0."""
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    return number if number != 0 else Decimal(0)


def places(value: float | Decimal) -> int:
    """Decimal places the value needs: 0 for 3 and 3.0, 1 for 64.5."""
    number = value if isinstance(value, Decimal) else exact(value)
    exponent = number.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def is_whole(value: float) -> bool:
    """Whether the value is a whole number (3 or 3.0)."""
    return places(value) == 0


def shared_places(values: Iterable[float]) -> int:
    """Places for labels that stand side by side (60.0 beside 64.5), at most `MAX_PLACES`."""
    return min(MAX_PLACES, max((places(v) for v in values), default=0))


def written(value: float | Decimal, decimals: int | None = None) -> str:
    """The value for a reader: "1,500", "64.5"; with ``decimals`` that many places."""
    number = value if isinstance(value, Decimal) else exact(value)
    count = places(number) if decimals is None else decimals
    rounded = abs(number) if number == 0 else number  # never "-0"
    rounded = rounded.quantize(Decimal(1).scaleb(-count), rounding=ROUND_HALF_UP)
    return f"{rounded:,.{count}f}"
