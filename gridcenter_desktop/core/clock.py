"""The one clock: China time. Every datetime the desk stores, compares or prints is naive China
time to the second, whatever the workstation's own time zone (a server in UTC, a laptop set to
another zone). ``tzdata`` is a dependency so that Windows, which has no zone database of its
own, knows Asia/Shanghai too.

Rules take ``now`` as an argument; only the edges (a service called without one, the window's
context, the command line) read the clock, and they read it here.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

CHINA = ZoneInfo("Asia/Shanghai")


def china_now() -> datetime:
    """Now, as naive China time to the second (as the database stores every moment)."""
    return datetime.now(CHINA).replace(tzinfo=None, microsecond=0)


def china_today() -> date:
    """Today's date in China."""
    return china_now().date()


def as_china(moment: datetime) -> datetime:
    """An aware moment (an ISO 8601 time with an offset, a UTC timestamp) as naive China
    time; a naive one is taken to be China time already."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(CHINA).replace(tzinfo=None)
