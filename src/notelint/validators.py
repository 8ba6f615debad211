"""Shape and checksum validators that identifier rules name with `validator:`."""

from __future__ import annotations

import ipaddress
import re
from typing import Callable

VALIDATORS: dict[str, Callable[[str], bool]] = {}


def validator(name: str):
    def register(func: Callable[[str], bool]) -> Callable[[str], bool]:
        VALIDATORS[name] = func
        return func

    return register


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


@validator("luhn")
def luhn(text: str) -> bool:
    """The Luhn checksum used by card and some member numbers."""
    nums = [int(d) for d in digits(text)]
    if len(nums) < 12:
        return False
    total = 0
    for i, d in enumerate(reversed(nums)):
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


@validator("ssn")
def ssn(text: str) -> bool:
    """SSN or ITIN: written 3-2-4 with dashes, or else area not 000 or 666, group not 00, serial not 0000; never one
    repeated digit.

    Areas 900-999 are never issued as SSNs but are taxpayer identification numbers (ITINs), which identify
    a person just as well, so they pass.
    """
    d = digits(text)
    if len(d) != 9 or len(set(d)) == 1:
        return False
    if re.fullmatch(r"\d{3}-\d{2}-\d{4}", text.strip()):
        return True  # the dashed 3-2-4 shape is an SSN's own, even a made-up one ("519-00-4381", "123-45-6789")
    if d == "123456789":
        return False
    area, group, serial = d[:3], d[3:5], d[5:]
    return area not in ("000", "666") and group != "00" and serial != "0000"


@validator("nanp_phone")
def nanp_phone(text: str) -> bool:
    """North American numbers: 7 digits, or 10 (after a "+1"/"001" prefix and without an extension).

    A bare digit run must follow the numbering plan (area code and exchange not starting with 0 or 1); a
    number written in a phone layout ("(555) 014-2210", "555-014-2210") only needs a plausible area code,
    since that layout is rarely anything else and test or made-up numbers ignore the exchange rule.
    """
    # An extension ("x204", "ext. 9") and a country prefix ("+1", "001") are not part of the number itself.
    number = re.split(r"(?i)\s*(?:x|ext\.?|extension)\s*\d+$", text.strip())[0]
    d = digits(number)
    if len(d) == 13 and d.startswith("001"):
        d = d[3:]
    if len(d) == 11 and d.startswith("1"):
        d = d[1:]
    if len(d) == 7:
        return d[0] not in "01"
    if len(d) != 10 or d[0] in "01":
        return False
    laid_out = re.search(r"\(\d{3}\)|\d{3}[\s.-]\d{3}[\s.-]\d{4}", number)
    return bool(laid_out) or d[3] not in "01"


_NUMERIC_DATE = re.compile(r"^(\d{1,4})[/.-](\d{1,2})(?:[/.-](\d{2,4}))?$")
# Shapes that read as dates but are common expressions, not days of the year.
_NOT_DATES = {"24/7", "12/7", "50/50"}


def _year_ok(year: str | None) -> bool:
    return year is None or len(year) == 2 or (len(year) == 4 and 1900 <= int(year) <= 2099)


@validator("date_like")
def date_like(text: str) -> bool:
    """A real calendar date: month 1-12 and day 1-31 (month-first or day-first), a plausible year."""
    text = text.strip()
    match = _NUMERIC_DATE.match(text)
    if match is None:
        # Written dates ("Oct 3", "the 15th") are already constrained by their patterns.
        return not text.isdigit()
    if text in _NOT_DATES:
        return False
    first, second, third = match.groups()
    if len(first) == 4:  # ISO: 2024-03-05
        return third is not None and 1900 <= int(first) <= 2099 and 1 <= int(second) <= 12 and 1 <= int(third) <= 31
    if len(first) == 3 or not _year_ok(third):
        return False
    a, b = int(first), int(second)
    return (1 <= a <= 12 and 1 <= b <= 31) or (1 <= b <= 12 and 1 <= a <= 31)


_PHONE_OR_SSN = re.compile(r"^(?:\(?\d{3}\)?[\s.-]?)?\d{3}[\s.-]\d{4}$|^\d{3}-\d{2}-\d{4}$")


@validator("record_number")
def record_number(text: str) -> bool:
    """A record, account or licence number: enough digits, and not a year, a date or a phone / SSN shape."""
    text = text.strip().rstrip(")").strip("-")
    d = digits(text)
    if len(d) < 4 or _PHONE_OR_SSN.match(text) or _NUMERIC_DATE.match(text) and date_like(text) and re.search(r"[/.]", text):
        return False
    if re.fullmatch(r"(?:19|20)\d\d", text):
        return False
    if re.fullmatch(r"[A-Z]\d{4}", text):
        return False  # a HCPCS billing code (H0038 peer support, T1012), not a person's record
    # Letters and digits together (NG-45120, QX4481) need 4 digits; bare digit runs need 5.
    return len(d) >= 5 or bool(re.search(r"[A-Za-z]", text))


@validator("ip")
def ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text.strip("[]"))
        return True
    except ValueError:
        return False


@validator("age_over_89")
def age_over_89(text: str) -> bool:
    nums = [int(n) for n in re.findall(r"\d+", text)]
    return any(89 < n < 130 for n in nums)
