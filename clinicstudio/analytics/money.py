"""Amounts of money as the office types them ("1,250.50", "$40") and as whole cents inside."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from clinicstudio.domain import UserError

_AMOUNT = re.compile(r"^\s*[$€£]?\s*(-?[0-9][0-9,]*(?:\.[0-9]{1,2})?)\s*$")


def parse_cents(text: str, what: str = "amount") -> int:
    """``"1,250.50"`` -> 125050. Refuses anything that is not a plain amount."""
    match = _AMOUNT.match(str(text))
    if not match:
        raise UserError(f"“{text}” is not an {what} like 125.50.")
    try:
        value = Decimal(match.group(1).replace(",", ""))
    except InvalidOperation:
        raise UserError(f"“{text}” is not an {what} like 125.50.") from None
    if value < 0:
        raise UserError(f"The {what} cannot be negative ({text}).")
    return int(value * 100)


def dollars(cents: int | None) -> float | None:
    return None if cents is None else round(cents / 100, 2)


def money_words(cents: int | None, currency: str = "USD") -> str:
    """``125050`` -> "$1,250.50" (other currencies get their code)."""
    if cents is None:
        return "–"
    text = f"{cents / 100:,.2f}"
    return f"${text}" if currency == "USD" else f"{text} {currency}"
