"""Normalise amounts to EUR with the day's reference rate."""

from decimal import Decimal, ROUND_HALF_EVEN


def to_eur(amount, currency, rates):
    if currency == "EUR":
        return Decimal(amount)
    rate = rates[currency]  # a missing rate must fail the run, never default to 1
    return (Decimal(amount) / Decimal(rate)).quantize(Decimal("0.01"), ROUND_HALF_EVEN)
