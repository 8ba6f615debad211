"""The shape and checksum validators identifier rules name with `validator:`."""

from __future__ import annotations

import pytest

from notelint.validators import VALIDATORS


@pytest.mark.parametrize(
    ("name", "text", "valid"),
    [
        ("luhn", "4539 1488 0343 6467", True),
        ("luhn", "4539 1488 0343 6468", False),
        ("luhn", "12345", False),
        ("ssn", "412-55-9087", True),
        ("ssn", "912-55-9087", True),  # 9xx: a taxpayer number (ITIN), still identifying
        ("ssn", "000 55 9087", False),
        ("ssn", "666 55 9087", False),
        ("ssn", "412009087", False),
        ("ssn", "412 55 0000", False),
        ("ssn", "111-11-1111", False),
        ("ssn", "412-00-9087", True),  # written in an SSN's own dashed shape: flagged even when never issued
        ("nanp_phone", "(555) 201-7734", True),
        ("nanp_phone", "555-0177", True),
        ("nanp_phone", "+1-555-201-7734 x204", True),
        ("nanp_phone", "001-555-201-7734", True),
        ("nanp_phone", "5550127734", False),  # bare digits must follow the numbering plan
        ("nanp_phone", "155-201-7734", False),
        ("nanp_phone", "12345", False),
        ("date_like", "4/7", True),
        ("date_like", "04-07-2025", True),
        ("date_like", "2025-04-07", True),
        ("date_like", "13/45", False),
        ("date_like", "24/7", False),
        ("date_like", "2025-13-01", False),
        ("date_like", "4/7/1850", False),
        ("record_number", "KV-30218", True),
        ("record_number", "2022-8810", True),
        ("record_number", "4471092", True),
        ("record_number", "2024", False),
        ("record_number", "555-0177", False),
        ("record_number", "412-55-9087", False),
        ("ip", "203.0.113.77", True),
        ("ip", "2001:db8::1", True),
        ("ip", "300.1.1.1", False),
        ("age_over_89", "93", True),
        ("age_over_89", "89", False),
        ("age_over_89", "240", False),
    ],
)
def test_validator(name, text, valid):
    assert VALIDATORS[name](text) is valid
