"""Calendar helpers shared by the freshness check and the page renderer."""

from __future__ import annotations

import calendar
import datetime as dt


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months, clamped to the month's last day.

    Past the calendar's ends (a mistyped year such as 9999) the answer is the
    first or last representable day: the freshness check reports the date, and
    nothing that shows it may crash on it.
    """
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    if year > dt.MAXYEAR:
        return dt.date.max
    if year < dt.MINYEAR:
        return dt.date.min
    last = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last))


def human_date(day: dt.date) -> str:
    """``2026-10-01`` -> ``1 October 2026``: unambiguous for every reader."""
    return f"{day.day} {day:%B %Y}"
