"""Differential test: caizheng (through the ctypes package) against Python's decimal module.

More than 100,000 random cases with a fixed seed:
  * unit conversion (元 ↔ 万元 ↔ 亿元, amounts with two places) under every rounding mode;
  * rounding an exact decimal (mantissa × 10^−scale, scale 0..18) to 0..18 places;
  * percentages — share, change rate, completion rate — rounded to 0..4 places.
The oracle is decimal.Decimal.quantize with the matching rounding constant, in a context of
60 digits. Inputs include exact ties, negatives, zero and values at the edges of the 64-bit
range; caizheng must raise OverflowError_ exactly when the exact rounded result does not fit
in a signed 64-bit integer, and DivisionByZero exactly when a percentage base is zero.

Percentages are quotients that decimal cannot hold exactly. The oracle divides in a 60-digit
context with ROUND_05UP, which keeps a sticky last digit: rounding that 60-digit value once
more to far fewer digits (at most 28 here) gives the same result as rounding the exact
quotient, in every mode, ties included (the classic double-rounding-safe construction).
"""
from __future__ import annotations

import decimal
import random
from decimal import Decimal

import pytest

import caizheng as cz

INT64_MIN = -(1 << 63)
INT64_MAX = (1 << 63) - 1

# caizheng rounding names → decimal constants (the package accepts both spellings).
MODES = [
    ("half_away_from_zero", decimal.ROUND_HALF_UP),
    ("half_even", decimal.ROUND_HALF_EVEN),
    ("half_down", decimal.ROUND_HALF_DOWN),
    ("toward_zero", decimal.ROUND_DOWN),
    ("away_from_zero", decimal.ROUND_UP),
    ("floor", decimal.ROUND_FLOOR),
    ("ceiling", decimal.ROUND_CEILING),
]
UNIT_POWER = {"元": 0, "万元": 4, "亿元": 8}
UNITS = list(UNIT_POWER)

N_CONVERSIONS = 40_000
N_ROUNDINGS = 40_000
N_PERCENTAGES = 60_000
SEED = 20261128

CTX = decimal.Context(prec=60, rounding=decimal.ROUND_HALF_EVEN, Emax=999, Emin=-999,
                      traps=[decimal.InvalidOperation, decimal.DivisionByZero])
CTX_05UP = CTX.copy()
CTX_05UP.rounding = decimal.ROUND_05UP

assert N_CONVERSIONS + N_ROUNDINGS + N_PERCENTAGES >= 100_000


def fits(n: int) -> bool:
    return INT64_MIN <= n <= INT64_MAX


def cents(raw: int) -> Decimal:
    """A two-place amount from its raw count of hundredths (exact)."""
    return Decimal(raw).scaleb(-2, CTX)


def quantum(places: int) -> Decimal:
    return Decimal(1).scaleb(-places, CTX)


def oracle(exact: Decimal, places: int, rounding: str):
    """(expected Decimal, expected raw int) or None when the raw result leaves int64."""
    q = exact.quantize(quantum(places), rounding=rounding, context=CTX)
    raw = int(q.scaleb(places, CTX))
    return (q, raw) if fits(raw) else None


def same(got: Decimal, want: Decimal) -> bool:
    """Equal in value and in the number of places (−0.00 and 0.00 are the same amount)."""
    return got == want and got.as_tuple().exponent == want.as_tuple().exponent


def rand_magnitude(rng: random.Random) -> int:
    """A non-negative integer of 1..19 digits, fewer digits more often (realistic amounts)."""
    digits = rng.choice([1, 2, 3, 4, 5, 6, 6, 7, 7, 8, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19])
    return rng.randrange(10 ** (digits - 1) if digits > 1 else 0, 10 ** digits)


def rand_signed(rng: random.Random) -> int:
    v = rand_magnitude(rng)
    v = -v if rng.random() < 0.4 else v
    return max(INT64_MIN, min(INT64_MAX, v))


def near_limit(rng: random.Random, limit: int) -> int:
    """A value within a few thousand of ±limit (clamped to int64)."""
    v = limit - rng.randrange(0, 5000)
    v = -v if rng.random() < 0.5 else v
    if rng.random() < 0.2:
        v += rng.choice([-1, 1]) * rng.randrange(0, 3)
    return max(INT64_MIN, min(INT64_MAX, v))


class Tally:
    def __init__(self):
        self.cases = 0
        self.ties = 0
        self.negative = 0
        self.overflow = 0
        self.zero_base = 0
        self.failures = []

    def fail(self, what: str):
        if len(self.failures) < 20:
            self.failures.append(what)

    def check(self, name: str):
        assert not self.failures, f"{name}: {len(self.failures)}+ mismatches, first: " + "\n".join(self.failures)


def run_case(tally: Tally, label: str, call, want, on_overflow=cz.OverflowError_):
    """Compare one library call with the oracle's answer (None: expect OverflowError_)."""
    tally.cases += 1
    try:
        got = call()
    except on_overflow as e:
        tally.overflow += 1
        if want is not None:
            tally.fail(f"{label}: raised {e!r}, expected {want[0]}")
        return
    if want is None:
        tally.fail(f"{label}: returned {got}, expected OverflowError_")
    elif not same(got, want[0]):
        tally.fail(f"{label}: got {got}, expected {want[0]}")


# --- conversion -----------------------------------------------------------------------------

def conversion_input(rng: random.Random, drop: int) -> int:
    """Raw hundredths for a conversion that drops `drop` digits (negative: adds −drop)."""
    kind = rng.random()
    if drop > 0 and kind < 0.30:  # an exact tie: the dropped digits are 5000…
        q = rng.randrange(0, 10 ** rng.randrange(1, 19 - drop))
        v = q * 10 ** drop + 5 * 10 ** (drop - 1)
        return -v if rng.random() < 0.5 else v
    if drop > 0 and kind < 0.40:  # one off a tie either way
        q = rng.randrange(0, 10 ** rng.randrange(1, 19 - drop))
        v = q * 10 ** drop + 5 * 10 ** (drop - 1) + rng.choice([-1, 1])
        return -v if rng.random() < 0.5 else v
    if kind < 0.55:  # near the 64-bit limits of the input
        return near_limit(rng, INT64_MAX) if rng.random() < 0.7 else INT64_MIN
    if drop < 0 and kind < 0.75:  # near the overflow threshold of an up-conversion
        return near_limit(rng, INT64_MAX // 10 ** (-drop)) + rng.randrange(-3, 4)
    if kind < 0.78:
        return 0
    return rand_signed(rng)


def test_conversion_matches_decimal():
    rng = random.Random(SEED)
    t = Tally()
    for _ in range(N_CONVERSIONS):
        src, dst = rng.choice(UNITS), rng.choice(UNITS)
        name, const = rng.choice(MODES)
        drop = UNIT_POWER[dst] - UNIT_POWER[src]
        raw = conversion_input(rng, drop)
        amount = cents(raw)
        exact = amount.scaleb(UNIT_POWER[src] - UNIT_POWER[dst], CTX)  # exact at 60 digits
        want = oracle(exact, 2, const)
        if drop > 0 and (abs(raw) % 10 ** drop) * 2 == 10 ** drop:
            t.ties += 1
        t.negative += raw < 0
        # Alternate the package's two spellings of a rounding mode.
        mode = name if rng.random() < 0.5 else const
        run_case(t, f"convert({amount}, {src}→{dst}, {name})",
                 lambda: cz.convert(amount, src, dst, mode), want)
    t.check("convert")
    assert t.cases == N_CONVERSIONS
    assert t.ties > 3000 and t.negative > 5000 and t.overflow > 1000


# --- rounding an exact decimal ----------------------------------------------------------------

def rounding_input(rng: random.Random):
    scale = rng.randrange(0, 19)
    places = rng.randrange(0, 19)
    kind = rng.random()
    if scale > places and kind < 0.30:  # a tie at `places`
        d = scale - places
        q = rng.randrange(0, 10 ** rng.randrange(1, 19 - d)) if d < 18 else 0
        m = q * 10 ** d + 5 * 10 ** (d - 1)
        m = -m if rng.random() < 0.5 else m
    elif kind < 0.45:  # near the limits of the mantissa
        m = near_limit(rng, INT64_MAX) if rng.random() < 0.8 else INT64_MIN
    elif places > scale and kind < 0.60:  # around the overflow threshold of an extension
        m = near_limit(rng, INT64_MAX // 10 ** (places - scale)) + rng.randrange(-3, 4)
    else:
        m = rand_signed(rng)
    return max(INT64_MIN, min(INT64_MAX, m)), scale, places


def test_round_decimal_matches_decimal():
    rng = random.Random(SEED + 1)
    t = Tally()
    for _ in range(N_ROUNDINGS):
        m, scale, places = rounding_input(rng)
        name, const = rng.choice(MODES)
        value = Decimal(m).scaleb(-scale, CTX)
        want = oracle(value, places, const)
        if scale > places and (abs(m) % 10 ** (scale - places)) * 2 == 10 ** (scale - places):
            t.ties += 1
        t.negative += m < 0
        mode = name if rng.random() < 0.5 else const
        run_case(t, f"round_decimal({value}, {places}, {name})",
                 lambda: cz.round_decimal(value, places, mode), want)
    t.check("round_decimal")
    assert t.cases == N_ROUNDINGS
    assert t.ties > 3000 and t.negative > 5000 and t.overflow > 1000


# --- percentages ------------------------------------------------------------------------------

KINDS = {"share": cz.share, "change": cz.change_rate, "completion": cz.completion_rate}


def percent_exact(kind: str, a: int, b: int) -> Decimal:
    """The percentage at 60 digits, sticky-rounded (ROUND_05UP) so one more rounding is exact."""
    num = (a - b if kind == "change" else a) * 100
    return CTX_05UP.divide(Decimal(num), Decimal(b))


def percent_input(rng: random.Random, kind: str, places: int):
    """(a, b) raw hundredths: realistic, ties, exact values, zero bases, edges of the range."""
    r = rng.random()
    if r < 0.30:  # an exact tie at `places`: numerator / b = (2t + 1) / 2 units of 10^−places
        u = rng.randrange(1, 10 ** rng.randrange(1, 6))
        b = 2 * 10 ** (places + 2) * u
        t = rng.randrange(0, 10 ** rng.randrange(1, 6))
        num = (2 * t + 1) * u
        if rng.random() < 0.5:
            num = -num
        if rng.random() < 0.3:
            b = -b
        a = b + num if kind == "change" else num
    elif r < 0.40:  # a terminating value (no rounding needed when places are enough)
        b = rng.choice([1, 2, 4, 5, 8, 10, 16, 20, 25, 40, 50, 100, 125, 200, 250, 400, 500, 1000]) \
            * rng.choice([1, -1, 10, 100, 10_000])
        a = rand_signed(rng) % 10 ** rng.randrange(1, 12) * rng.choice([1, -1])
    elif r < 0.42:  # a zero base
        a, b = rand_signed(rng), 0
    elif r < 0.55:  # edges: huge parts on small bases overflow, huge on huge do not
        a = near_limit(rng, INT64_MAX) if rng.random() < 0.8 else INT64_MIN
        b = rng.choice([near_limit(rng, INT64_MAX), INT64_MIN, rand_signed(rng) or 1,
                        rng.randrange(1, 1000)])
    elif r < 0.62:  # around the overflow threshold of share/completion at these places
        limit = INT64_MAX // (100 * 10 ** places)
        b = rng.randrange(1, 50) * rng.choice([1, -1])
        a = (limit + rng.randrange(-3, 4)) * b
        a = max(INT64_MIN, min(INT64_MAX, a))
    else:  # realistic: a part of a whole, a budget and its outturn, two years
        b = rand_signed(rng) or 1
        if kind == "share":
            a = rng.randrange(0, abs(b) + 1) * (1 if b > 0 else -1) * rng.choice([1, 1, 1, -1])
        else:
            a = b + (rng.randrange(-abs(b), abs(b) + 1) if abs(b) < 10 ** 17 else rand_signed(rng) // 4)
            a = max(INT64_MIN, min(INT64_MAX, a))
    return a, b


def test_percentages_match_decimal():
    rng = random.Random(SEED + 2)
    t = Tally()
    for _ in range(N_PERCENTAGES):
        kind = rng.choice(list(KINDS))
        places = rng.randrange(0, 5)
        name, const = rng.choice(MODES)
        a, b = percent_input(rng, kind, places)
        pa, pb = cents(a), cents(b)
        fn = KINDS[kind]
        mode = name if rng.random() < 0.5 else const
        label = f"{kind}({pa}, {pb}, {places}, {name})"
        t.negative += (a < 0) or (b < 0)
        if b == 0:
            t.cases += 1
            t.zero_base += 1
            try:
                got = fn(pa, pb, places, mode)
            except cz.DivisionByZero:
                continue
            t.fail(f"{label}: returned {got}, expected DivisionByZero")
            continue
        num = (a - b if kind == "change" else a) * 100 * 10 ** places
        if (abs(num) % abs(b)) * 2 == abs(b):
            t.ties += 1
        want = oracle(percent_exact(kind, a, b), places, const)
        run_case(t, label, lambda: fn(pa, pb, places, mode), want)
    t.check("percentages")
    assert t.cases == N_PERCENTAGES
    assert t.ties > 5000 and t.negative > 10000 and t.overflow > 1000 and t.zero_base > 500


def test_oracle_double_rounding_guard():
    """The 05UP oracle itself: a quotient just above a tie must not be taken for the tie."""
    # 1 / 3 × 100 = 33.333…; (2·10^40 + 1) / (4·10^40) is a hair above ½ — beyond 60 digits.
    assert oracle(percent_exact("share", 1, 3), 2, decimal.ROUND_HALF_DOWN)[0] == Decimal("33.33")
    hair = CTX_05UP.divide(Decimal(2 * 10 ** 70 + 1), Decimal(4 * 10 ** 70))
    assert hair.quantize(Decimal(1), rounding=decimal.ROUND_HALF_DOWN, context=CTX) == Decimal(1)
    assert hair.quantize(Decimal("0.0"), rounding=decimal.ROUND_FLOOR, context=CTX) == Decimal("0.5")


if __name__ == "__main__":  # pragma: no cover - handy for timing by hand
    raise SystemExit(pytest.main([__file__, "-q"]))
