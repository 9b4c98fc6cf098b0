"""Getting started with caizheng from Python (docs/getting-started.md shows this file and its
output; getting_started.cpp and getting_started.c print exactly the same lines)."""
from decimal import Decimal

import caizheng as cz

# Cells as a PDF extraction leaves them: 万元, two places, stray spaces after separators.
cells = ["1, 171.00", "20.26", "19.05", "17.30"]
parts = [cz.parse_amount(cell) for cell in cells]
print(f"sum of parts: {cz.format_amount(cz.total(parts), grouped=True)} 万元")

# Does the stated total add up? Exact, a tail difference (尾数误差) or a real mismatch.
stated = cz.parse_amount("1,227.61")
check = cz.compare_total(stated, parts)
print(f"stated total {cz.format_amount(stated, grouped=True)}: {check.verdict}")

# A narrative claim checked at the precision it states (占比 = part / whole × 100).
ok, _ = cz.check_percent("share", parts[0], stated, "95.39%")
print(f"share of the first part: {cz.share(parts[0], stated)}% "
      f"(claimed 95.39%: {'ok' if ok else 'wrong'})")

# Three items of 3,350 元 are 0.34 万元 each once rounded; their total, 10,050 元, is 1.01.
check = cz.compare_total(Decimal("1.01"), [Decimal("0.34")] * 3)
print(f"1.01 vs 0.34 + 0.34 + 0.34: {check.verdict} "
      f"(difference {check.difference}, bound {check.bound})")

# Exact decimal arithmetic: amounts are decimal.Decimal, never float.
print(f"0.1 + 0.2 = {cz.add('0.1', '0.2')}")

# Bad input raises an exception whose message quotes it.
try:
    cz.parse_amount("12a")
except cz.ParseError as e:
    print(f"error: {e}")
