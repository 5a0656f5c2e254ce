"""Publication dates and years from metadata or from the page itself."""
from __future__ import annotations

import re

ISO_YEAR = re.compile(r"^\s*((?:19|20)\d\d)(?:[-/.年]|$)")
# A masthead/banner line: "2024年1月10日 星期三" (the weekday makes it the issue date).
BANNER = re.compile(r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:农历\S*\s*)?(?:星期|周|礼拜)[一二三四五六日天]")


def year_of(date: str | None) -> int | None:
    """The year of a metadata date such as "2024-01-09" or "2024年1月9日"."""
    if not date:
        return None
    match = ISO_YEAR.match(date)
    return int(match.group(1)) if match else None


def page_year(text: str) -> int | None:
    """The year a page states in its dated banner, if it has one."""
    match = BANNER.search(text)
    return int(match.group(1)) if match else None


def iso_date(year: int | None, month: int, day: int) -> str | None:
    """"2024-01-09", or None when the year is unknown or the date impossible."""
    if year is None or not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"
