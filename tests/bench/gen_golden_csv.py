#!/usr/bin/env python3
"""Writes the golden-gate benchmark CSV: ROWS rows, 6 columns, 1,000 groups.

order_id (unique key), customer_id, region (the group: region-000..999),
amount (cents, two decimals), channel (10% empty = NULL), created_at.
Deterministic for a given ROWS. Usage: gen_golden_csv.py ROWS OUT.csv
"""
import sys


def main():
    rows, out = int(sys.argv[1]), sys.argv[2]
    channels = ["search", "social", "newsletter", "affiliate", "direct", "partner", "tv",
                "radio", "print", ""]
    with open(out, "w", buffering=1 << 22) as f:
        f.write("order_id,customer_id,region,amount,channel,created_at\n")
        x = 12345
        batch = []
        for i in range(rows):
            x = (x * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
            h = x >> 33
            cents = h % 100000
            batch.append("%d,C%07d,region-%03d,%d.%02d,%s,2026-11-%02dT%02d:%02d:%02dZ\n" % (
                10000000 + i, h % 250000, (h >> 7) % 1000, cents // 100, cents % 100,
                channels[(h >> 17) % 10], 1 + (h >> 21) % 28, (h >> 3) % 24, i % 60,
                (i // 60) % 60))
            if len(batch) == 10000:
                f.write("".join(batch))
                batch = []
        f.write("".join(batch))


if __name__ == "__main__":
    main()
