"""Calendar helpers shared by the freshness check and the page renderer."""

from __future__ import annotations

import calendar
import datetime as dt
import os


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


#: A testing aid: set to an ISO date (``RECOVERY_SITE_TODAY=2027-11-21``) to run
#: ``check``, ``report`` and the build as if that were the date. Read here only.
TODAY_ENV = "RECOVERY_SITE_TODAY"


class BadToday(ValueError):
    """``RECOVERY_SITE_TODAY`` is set but is not a date."""


def today() -> dt.date:
    """The date every time-based rule uses: the clock, or ``RECOVERY_SITE_TODAY``.

    One place, read by ``check``, ``report`` and the plugin alike, so a test can
    move them all to a future date and see that they still agree.
    """
    value = os.environ.get(TODAY_ENV, "").strip()
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadToday(f"{TODAY_ENV}={value!r} is not a date like 2027-11-21") from None
