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
    """US SSN: area not 000, 666 or 9xx; group not 00; serial not 0000; not one repeated digit."""
    d = digits(text)
    if len(d) != 9 or len(set(d)) == 1:
        return False
    area, group, serial = d[:3], d[3:5], d[5:]
    return area not in ("000", "666") and not area.startswith("9") and group != "00" and serial != "0000"


@validator("nanp_phone")
def nanp_phone(text: str) -> bool:
    """North American numbers: 7 digits, or 10 (11 with a leading 1) whose area and exchange don't start 0/1."""
    d = digits(text)
    if len(d) == 11 and d.startswith("1"):
        d = d[1:]
    if len(d) == 7:
        return d[0] not in "01"
    return len(d) == 10 and d[0] not in "01" and d[3] not in "01"


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
