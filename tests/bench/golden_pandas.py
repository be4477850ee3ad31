#!/usr/bin/python3
"""pandas' equivalent of the golden benchmark gate. Usage: golden_pandas.py FILE.csv"""
import sys

import pandas as pd

df = pd.read_csv(sys.argv[1])
out = df.groupby("region").agg(
    n=("order_id", "size"),
    orders=("order_id", "nunique"),
    revenue=("amount", "sum"),
    null_rate_channel=("channel", lambda s: s.isna().mean()),
)
print(len(out), "groups; first:", out.iloc[0].to_dict())
