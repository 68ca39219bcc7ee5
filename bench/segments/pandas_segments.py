#!/usr/bin/python3
"""The baseline of the segments benchmark: `tsuikyaku segments` in vectorized pandas.

    bench/segments/pandas_segments.py orders.csv --as-of 2026-01-01 [--list OUT.csv]

Reads a generic-preset export (bench/import/generate.py's) and computes what `tsuikyaku
segments` computes from the database the same file was imported into: the orders that
count (SPEC §5: not cancelled, canceled, refunded or voided, placed at or before the
as-of), each customer's recency_days, frequency and monetary, percentile scores
(1 + floor(5 L / N)) and the default segments. Without --list it prints the summary as
`segments --json` does (name, customers, orders, revenue, average_order_value,
average_spend, totals); with --list it writes the table of `segments list --format csv`
(UTF-8 with a byte order mark, CRLF, the profile from each customer's newest order, the
domain of the e-mail lower-cased) to OUT.csv.

It handles what the generator writes, no more: every row has a customer_id, totals are
whole yen, times are ISO 8601 naive (in --timezone) or with an offset, and no text
starts like a spreadsheet formula. bench/segments/run times it against tsuikyaku and
checks that both give the same output.
"""
import argparse
import json
import sys
from decimal import ROUND_HALF_EVEN, Decimal

import numpy as np
import pandas as pd

NOT_COUNTED = ["cancelled", "canceled", "refunded", "voided"]
SEGMENTS = ["dormant", "loyal", "repeat", "new"]


def unix_seconds(text: pd.Series, zone: str) -> pd.Series:
    """ISO 8601 date-times, naive ones in zone, as Unix seconds."""
    wall = pd.to_datetime(text.str.slice(0, 19).str.replace("T", " ", regex=False),
                          format="%Y-%m-%d %H:%M:%S")
    seconds = wall.astype("int64") // 10**9
    suffix = text.str.slice(19)
    naive = suffix == ""
    local = wall[naive].dt.tz_localize(zone, ambiguous=True, nonexistent="shift_forward")
    seconds[naive] = local.dt.tz_convert("UTC").dt.tz_localize(None).astype("int64") // 10**9
    offsets = {s: (1 if s[0] == "-" else -1) * (int(s[1:3]) * 3600 + int(s[4:6]) * 60)
               for s in suffix[~naive].unique()}
    seconds[~naive] += suffix[~naive].map(offsets)
    return seconds


def local_iso(seconds: pd.Series, zone: str) -> np.ndarray:
    """Unix seconds as local ISO 8601 with the offset, "2025-08-01T20:56:57+09:00"."""
    utc = pd.to_datetime(seconds, unit="s")
    local = utc.dt.tz_localize("UTC").dt.tz_convert(zone).dt.tz_localize(None)
    offset = (local - utc).dt.total_seconds().astype("int64")
    names = {o: f"{'-' if o < 0 else '+'}{abs(o) // 3600:02}:{abs(o) % 3600 // 60:02}"
             for o in offset.unique()}
    return np.char.add(np.datetime_as_string(local.values, unit="s"),
                       offset.map(names).values.astype(str))


def customers_of(orders: pd.DataFrame, as_of: int) -> pd.DataFrame:
    """One row per customer with a counted order: metrics, scores, segment."""
    counted = orders[~orders["status"].str.lower().isin(NOT_COUNTED) & (orders["at"] <= as_of)]
    customers = counted.groupby("customer_id", sort=False).agg(
        last=("at", "max"), frequency=("at", "size"), monetary=("total", "sum"))
    customers["recency_days"] = (as_of - customers["last"]) // 86400
    n = len(customers)

    def score(values: pd.Series) -> pd.Series:
        smaller = values.rank(method="min").astype("int64") - 1
        if n == 1:
            return smaller * 0 + 3
        return (1 + 5 * smaller // (n - 1)).clip(upper=5)

    customers["r"] = score(-customers["recency_days"])
    customers["f"] = score(customers["frequency"])
    customers["m"] = score(customers["monetary"])
    rules = [customers["recency_days"] >= 90,
             (customers["frequency"] >= 3) & (customers["m"] >= 4),
             customers["frequency"] >= 2,
             customers["frequency"] <= 1]
    customers["segment"] = np.select(rules, SEGMENTS, "other")
    return customers


def half_even(numerator: int, denominator: int):
    if denominator == 0:
        return None
    return str((Decimal(numerator) / denominator).quantize(Decimal(1), rounding=ROUND_HALF_EVEN))


def summary(customers: pd.DataFrame, as_of: str) -> dict:
    groups = customers.groupby("segment").agg(
        customers=("frequency", "size"), orders=("frequency", "sum"), revenue=("monetary", "sum"))
    rows = []
    for name in SEGMENTS + (["other"] if "other" in groups.index else []):
        c, o, r = (int(groups.at[name, k]) if name in groups.index else 0
                   for k in ("customers", "orders", "revenue"))
        rows.append({"name": name, "customers": c, "orders": o, "revenue": str(r),
                     "average_order_value": half_even(r, o), "average_spend": half_even(r, c)})
    totals = {"customers": len(customers), "orders": int(customers["frequency"].sum()),
              "revenue": str(int(customers["monetary"].sum()))}
    return {"as_of": as_of, "scoring": "percentile", "segments": rows, "totals": totals}


def write_list(customers: pd.DataFrame, orders: pd.DataFrame, zone: str, path: str) -> None:
    # The profile: each customer's newest order of any status, the later row on a tie.
    newest = orders.sort_values("at", kind="stable").drop_duplicates("customer_id", keep="last")
    profile = newest.set_index("customer_id").loc[customers.index]
    local, at, domain = profile["email"].str.rpartition("@").values.T
    table = pd.DataFrame({
        "customer_key": customers.index,
        "email": local + at + pd.Series(domain).str.lower().values,
        "name": profile["name"].values,
        "segment": customers["segment"].values,
        "frequency": customers["frequency"].values,
        "monetary": customers["monetary"].values,
        "last_order_at": local_iso(customers["last"], zone),
        "recency_days": customers["recency_days"].values,
        "r": customers["r"].values, "f": customers["f"].values, "m": customers["m"].values,
        "postal_code": profile["postal_code"].values,
        "address": profile["address"].values,
        # The export has one address line; the list's other address columns stay empty.
        "address2": "", "city": "", "region": "", "country": "",
        "phone": profile["phone"].values,
    })
    # By segment in rule order; customers are in key order already, and the sort is stable.
    rule = table["segment"].map({name: i for i, name in enumerate(SEGMENTS + ["other"])})
    table = table.iloc[np.argsort(rule.values, kind="stable")]
    table.to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\r\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv")
    parser.add_argument("--as-of", required=True, help='local time, "2026-01-01[ 00:00]"')
    parser.add_argument("--timezone", default="Asia/Tokyo")
    parser.add_argument("--list", metavar="OUT.csv")
    args = parser.parse_args()

    columns = ["customer_id", "ordered_at", "total", "status"]
    if args.list:
        columns += ["email", "name", "postal_code", "address", "phone"]
    orders = pd.read_csv(args.csv, usecols=columns, dtype=str, keep_default_na=False)
    orders["at"] = unix_seconds(orders["ordered_at"], args.timezone)
    orders["total"] = orders["total"].astype("int64")
    as_of = pd.Timestamp(args.as_of).tz_localize(args.timezone)
    customers = customers_of(orders, int(as_of.timestamp()))
    customers = customers.sort_index()  # customer key, byte order as code point order
    if args.list:
        write_list(customers, orders, args.timezone, args.list)
    else:
        json.dump(summary(customers, as_of.isoformat()), sys.stdout, indent=2)
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
