#!/usr/bin/python3
"""The eleven RFM segment counts of the Online Retail data, computed with pandas.

An independent check of `tsuikyaku segments` (issue 4, docs/segments.md): the data is
cleaned as ../shared/data/README.md describes (exact duplicate rows, cancellations,
quantity <= 0, price <= 0 and rows without a customer dropped), invoices become orders
(placed at their earliest row, total = sum of quantity x unit price rounded half to even
to pence once per order), and customers are scored the way most RFM tutorials do:
pandas `qcut` into five bins over `rank(method="first")`, customers sorted by id, so that
ties are broken by customer id. r is the bin of recency_days reversed (5 = most recent).
The segment lists are the issue's, written out here rather than read from
examples/segments/rfm-11.yaml, so that the check does not share that file with the tool.

Usage:
  bench/segments/verify_pandas.py ONLINE_RETAIL_CSV[.xz] [--as-of "2011-12-10 12:50"]
                                  [--tsuikyaku-json FILE]

With --tsuikyaku-json (the output of `tsuikyaku segments --json` in a UTC/GBP workspace
with `segments: segments/rfm-11.yaml` and the same --as-of), the counts are compared and
the exit status is 1 when any differs.
"""

import argparse
import json
import sys
from decimal import Decimal

import pandas as pd

SEGMENTS = {
    "champions": "555 554 544 545 454 455 445",
    "loyal": "543 444 435 355 354 345 344 335",
    "potential-loyalist": "553 551 552 541 542 533 532 531 452 451 442 441 431 453 433 432 "
    "423 353 352 351 342 341 333 323",
    "new-customers": "512 511 422 421 412 411 311",
    "promising": "525 524 523 522 521 515 514 513 425 424 413 414 415 315 314 313",
    "need-attention": "535 534 443 434 343 334 325 324",
    "about-to-sleep": "331 321 312 221 213 231 241 251",
    "at-risk": "255 254 245 244 253 252 243 242 235 234 225 224 153 152 145 143 142 135 134 "
    "133 125 124",
    "cannot-lose-them": "155 154 144 214 215 115 114 113",
    "hibernating": "332 322 233 232 223 222 132 123 122 212 211",
    "lost": "111 112 121 131 141 151",
}


def clean(rows: pd.DataFrame) -> pd.DataFrame:
    rows = rows.drop_duplicates()
    rows = rows[~rows["InvoiceNo"].str.startswith("C")]
    rows = rows[rows["CustomerID"].notna()]
    price = rows["UnitPrice"].map(Decimal)
    return rows[(rows["Quantity"] > 0) & (price > 0)]


def orders_of(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per invoice: customer, earliest time, total in pence (exact integers)."""
    decimals = max(-Decimal(p).as_tuple().exponent for p in rows["UnitPrice"].unique())
    scale = 10 ** max(decimals, 2)
    units = {p: int(Decimal(p) * scale) for p in rows["UnitPrice"].unique()}
    rows = rows.assign(
        line=rows["Quantity"].astype("int64") * rows["UnitPrice"].map(units).astype("int64"),
        at=pd.to_datetime(rows["InvoiceDate"], format="%Y-%m-%d %H:%M:%S"),
    )
    orders = rows.groupby("InvoiceNo").agg(
        customer=("CustomerID", "first"), at=("at", "min"), line=("line", "sum")
    )
    # Half to even, once per order, from units of 1/scale to pence.
    divisor = scale // 100
    quotient, remainder = orders["line"] // divisor, orders["line"] % divisor
    up = (2 * remainder > divisor) | ((2 * remainder == divisor) & (quotient % 2 == 1))
    return orders.assign(total=quotient + up.astype("int64"))


def segment_counts(orders: pd.DataFrame, as_of: pd.Timestamp) -> pd.Series:
    orders = orders[orders["at"] <= as_of]
    customers = (
        orders.groupby("customer")
        .agg(last=("at", "max"), frequency=("total", "size"), monetary=("total", "sum"))
        .sort_index()  # by customer id, so that rank(method="first") breaks ties by it
    )
    elapsed = (as_of - customers["last"]).dt.total_seconds()
    customers["recency_days"] = (elapsed // 86400).astype("int64")

    def bins(values: pd.Series, labels: list) -> pd.Series:
        return pd.qcut(values.rank(method="first"), 5, labels=labels).astype("int64")

    r = bins(customers["recency_days"], [5, 4, 3, 2, 1])
    f = bins(customers["frequency"], [1, 2, 3, 4, 5])
    m = bins(customers["monetary"], [1, 2, 3, 4, 5])
    code = r * 100 + f * 10 + m
    names = {int(c): name for name, codes in SEGMENTS.items() for c in codes.split()}
    segment = code.map(names).fillna("other")
    return segment.value_counts().reindex(list(SEGMENTS) + ["other"], fill_value=0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv")
    parser.add_argument("--as-of", default="2011-12-10 12:50")
    parser.add_argument("--tsuikyaku-json")
    args = parser.parse_args()

    rows = pd.read_csv(
        args.csv, dtype={"InvoiceNo": str, "StockCode": str, "UnitPrice": str, "CustomerID": str}
    )
    counts = segment_counts(orders_of(clean(rows)), pd.Timestamp(args.as_of))
    theirs = {}
    if args.tsuikyaku_json:
        with open(args.tsuikyaku_json, encoding="utf-8") as file:
            theirs = {s["name"]: s["customers"] for s in json.load(file)["segments"]}

    differ = False
    print(f"{'segment':<20}{'pandas':>8}" + (f"{'tsuikyaku':>11}" if theirs else ""))
    for name, count in counts.items():
        if name == "other" and count == 0 and "other" not in theirs:
            continue
        line = f"{name:<20}{count:>8}"
        if theirs:
            mine = theirs.get(name, 0)
            differ |= mine != count
            line += f"{mine:>11}" + ("" if mine == count else "   <- differs")
        print(line)
    print(f"{'total':<20}{counts.sum():>8}" + (f"{sum(theirs.values()):>11}" if theirs else ""))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
