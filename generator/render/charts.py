"""Overview charts drawn at build time: events per month, and an entity's activity per year.

The numbers are computed here; the templates draw them as inline SVG, so the
charts need no JavaScript.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import urls
from ..content.dates import MONTHS
from ..content.model import Event

BAR_WIDTH = 6
CHART_HEIGHT = 60
TICK_ROOM = 24
"""Room after the last bar for the last year's label."""


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: where it stands, how tall, what it says and where it links."""

    x: int
    height: float
    count: int
    label: str
    anchor: str | None
    year: int = 0


@dataclass(frozen=True, slots=True)
class YearSlot:
    """A year's stretch of the month chart: one link as tall as the chart and a year wide.

    A month's bar alone (5 px) is far below the 24 × 24 px a finger or an unsteady
    hand needs, so the year is the target; each bar keeps its month in its tooltip.
    """

    year: int
    x: int
    width: int
    count: int
    anchor: str | None
    """The first month of the year that has events, where the link goes."""
    bars: tuple[Bar, ...]

    @property
    def label(self) -> str:
        """``2019: 25 events``."""
        return f"{self.year}: {self.count} event{'s' if self.count != 1 else ''}"


@dataclass(frozen=True, slots=True)
class Chart:
    """Bars plus the year ticks under them."""

    bars: tuple[Bar, ...]
    ticks: tuple[tuple[int, str], ...]
    width: int
    height: int
    peak: int

    @property
    def min_width(self) -> int:
        """CSS pixels below which the chart scrolls instead of shrinking: 28 px a year keeps each year's link above 24 px."""
        return max(576, len({bar.year for bar in self.bars}) * 28)

    @property
    def years(self) -> tuple[YearSlot, ...]:
        """The bars grouped by year, each group one link target."""
        slots: list[YearSlot] = []
        for year in dict.fromkeys(bar.year for bar in self.bars):
            bars = tuple(bar for bar in self.bars if bar.year == year)
            anchor = next((bar.anchor for bar in bars if bar.anchor), None)
            width = bars[-1].x + BAR_WIDTH - bars[0].x
            slots.append(YearSlot(year, bars[0].x, width, sum(bar.count for bar in bars), anchor, bars))
        return tuple(slots)


def _months(first: int, last: int) -> range:
    return range(first, last + 1)


def per_month(events: tuple[Event, ...], anchors: frozenset[str]) -> Chart | None:
    """Events per calendar month from the first to the last; year-only events count in January.

    An event with an uncertain date counts at its earliest known month, and the bar's label says how many such events it holds.
    """
    if not events:
        return None
    counts: dict[int, int] = {}
    unsure: dict[int, int] = {}
    for event in events:
        key = event.date.year * 12 + (event.date.month or 1) - 1
        counts[key] = counts.get(key, 0) + 1
        if event.uncertain:
            unsure[key] = unsure.get(key, 0) + 1
    # whole years: each year is then one link as wide as twelve bars
    first, last = min(counts) // 12 * 12, max(counts) // 12 * 12 + 11
    peak = max(counts.values())
    bars, ticks = [], []
    for index, key in enumerate(_months(first, last)):
        year, month = divmod(key, 12)
        count = counts.get(key, 0)
        anchor = urls.year_anchor(year, month + 1)
        label = f"{MONTHS[month]} {year}: {count} event{'s' if count != 1 else ''}"
        if unsure.get(key):
            label += f" ({unsure[key]} dated roughly)"
        bars.append(Bar(index * BAR_WIDTH, CHART_HEIGHT * count / peak, count, label, anchor if anchor in anchors else None, year))
        if month == 0:
            ticks.append((index * BAR_WIDTH, str(year)))
    return Chart(tuple(bars), tuple(ticks), (last - first + 1) * BAR_WIDTH + TICK_ROOM, CHART_HEIGHT, peak)


def per_year(events: tuple[Event, ...], first_year: int, last_year: int) -> Chart:
    """Events per year over the whole site's span: an entity's activity sparkline."""
    counts: dict[int, int] = {}
    for event in events:
        counts[event.date.year] = counts.get(event.date.year, 0) + 1
    peak = max(counts.values(), default=0) or 1
    bars = tuple(
        Bar(index * BAR_WIDTH, 24 * counts.get(year, 0) / peak, counts.get(year, 0), f"{year}: {counts.get(year, 0)}", None)
        for index, year in enumerate(range(first_year, last_year + 1))
    )
    ticks = ((0, str(first_year)), ((last_year - first_year) * BAR_WIDTH, str(last_year)))
    return Chart(bars, ticks, (last_year - first_year + 1) * BAR_WIDTH, 24, peak)
