#!/usr/bin/python3
"""Time sums and percentages through the caizheng ctypes package against pure Python decimal.

Run against a release build (see docs/performance.md):

    CAIZHENG_LIBRARY=build/release/lib/libcaizheng.so PYTHONPATH=bindings/python \\
        /usr/bin/python3 bench/money_vs_decimal.py

Inputs are generated from a fixed seed with the distribution of bench/money_bench.cpp
(log-uniform amounts in 万元 with two places, 5 % negative, 3 % zero). Every timing is the
median of --repeat runs (default 5) of this process's CPU time (time.process_time). Each
caizheng result is checked against decimal's before anything is timed.

Measured:
  sum         1,000,000 amounts:  sum() of Decimals
                                  vs caizheng.total(Decimals)  (converts each Decimal in Python)
                                  vs cz_amount_sum on a prepared ctypes int64 array (the C core)
  percentage  100,000 shares to two places, 四舍五入:
                                  (part / whole × 100).quantize(0.01, ROUND_HALF_UP) at 60 digits
                                  vs caizheng.share(part, whole)
The ratio printed is decimal's time divided by caizheng's: above 1, caizheng is faster.
"""
from __future__ import annotations

import argparse
import ctypes
import decimal
import os
import platform
import random
import statistics
import sys
import time
from decimal import Decimal

import caizheng as cz
from caizheng._native import check, lib


def realistic_raw(rng: random.Random) -> int:
    """Hundredths of 万元, as bench/money_bench.cpp draws them."""
    digits = rng.randint(1, 10)
    p = rng.randrange(100)
    if p < 3:
        return 0
    v = rng.randrange(0, 10 ** digits)
    return -v if p < 8 else v


def cents(raw: int) -> Decimal:
    return Decimal(raw).scaleb(-2)


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.process_time()  # CPU time of this process: robust on a shared machine
        fn()
        times.append(time.process_time() - t0)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--n-sum", type=int, default=1_000_000)
    ap.add_argument("--n-percent", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=20261128)
    args = ap.parse_args()

    rng = random.Random(args.seed)
    raws = [realistic_raw(rng) for _ in range(args.n_sum)]
    amounts = [cents(r) for r in raws]
    array = (ctypes.c_int64 * len(raws))(*raws)

    pairs = []
    while len(pairs) < args.n_percent:
        whole = realistic_raw(rng)
        if whole > 0:
            pairs.append((cents(rng.randint(0, whole)), cents(whole)))

    ctx60 = decimal.Context(prec=60)
    hundred = Decimal(100)
    q2 = Decimal("0.01")

    def decimal_sum():
        return sum(amounts, Decimal(0))

    def cz_total():
        return cz.total(amounts)

    def cz_c_sum():
        out = ctypes.c_int64()
        check(lib.cz_amount_sum(array, len(raws), ctypes.byref(out)))
        return out.value

    def decimal_shares():
        return [ctx60.multiply(ctx60.divide(p, w), hundred).quantize(q2, rounding=decimal.ROUND_HALF_UP, context=ctx60)
                for p, w in pairs]

    def cz_shares():
        share = cz.share
        return [share(p, w) for p, w in pairs]

    # Same answers first.
    expected_sum = decimal_sum()
    assert cz_total() == expected_sum, "caizheng.total differs from decimal"
    assert cents(cz_c_sum()) == expected_sum, "cz_amount_sum differs from decimal"
    assert cz_shares() == decimal_shares(), "caizheng.share differs from decimal"

    t_dec_sum = median_time(decimal_sum, args.repeat)
    t_cz_total = median_time(cz_total, args.repeat)
    t_cz_c = median_time(cz_c_sum, args.repeat)
    t_dec_pct = median_time(decimal_shares, args.repeat)
    t_cz_pct = median_time(cz_shares, args.repeat)

    lib_path = os.environ.get("CAIZHENG_LIBRARY", "(default search)")
    print(f"caizheng {cz.__version__} ({lib_path}); Python {platform.python_version()}, "
          f"decimal {decimal.__version__} ({'C' if hasattr(decimal, '__libmpdec_version__') else 'pure Python'})")
    print(f"medians of {args.repeat} runs\n")
    print(f"{'measurement':52} {'time':>12} {'per item':>10} {'decimal / this':>15}")

    def row(name, t, n, ref):
        print(f"{name:52} {t * 1e3:9.2f} ms {t / n * 1e9:7.0f} ns {ref / t:14.2f}x")

    n = args.n_sum
    row(f"sum of {n:,}: decimal sum()", t_dec_sum, n, t_dec_sum)
    row(f"sum of {n:,}: caizheng.total(Decimals)", t_cz_total, n, t_dec_sum)
    row(f"sum of {n:,}: cz_amount_sum(int64 array)", t_cz_c, n, t_dec_sum)
    n = args.n_percent
    row(f"share of {n:,}: decimal divide+quantize", t_dec_pct, n, t_dec_pct)
    row(f"share of {n:,}: caizheng.share", t_cz_pct, n, t_dec_pct)
    return 0


if __name__ == "__main__":
    sys.exit(main())
