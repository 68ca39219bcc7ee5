#!/usr/bin/python3
"""The eleven RFM segment counts of the Online Retail data, computed with pandas.

An independent check of `tsuikyaku segments` (issue 4, docs/segments.md): invoices become
orders (placed at their earliest row, total = sum of quantity x unit price rounded half to
even to pence once per order), and customers are scored the way most RFM tutorials do:
pandas `qcut` into five bins over `rank(method="first")`, customers sorted by id, so that
ties are broken by customer id. r is the bin of recency_days reversed (5 = most recent).
The segment lists are the issue's, written out here rather than read from
examples/segments/rfm-11.yaml, so that the check does not share that file with the tool.

Which rows make the orders (--cleaning):
  readme  the common cleaning of ../shared/data/README.md: exact duplicate rows,
          cancellations (C invoices), quantity <= 0, price <= 0 and rows without a
          customer dropped (392,692 rows, 18,532 invoices, 4,338 customers).
  import  what `tsuikyaku import --mapping examples/mappings/online-retail.yaml` keeps
          as orders that count: rows without a customer are rejected and C invoices are
          stored as cancelled (neither counts); duplicate rows and zero prices are lines
          of their invoices, as the export has them (18,536 invoices, 4,339 customers).

Usage:
  bench/segments/verify_pandas.py ONLINE_RETAIL_CSV[.xz] [--cleaning readme|import]
      [--as-of "2011-12-10 12:50"] [--tsuikyaku-json FILE] [--tsuikyaku-list FILE]

--tsuikyaku-json is the output of `tsuikyaku segments --json`, --tsuikyaku-list of
`tsuikyaku segments list --format csv`, both in a UTC/GBP workspace with
`segments: segments/rfm-11.yaml` and the same --as-of. The first is compared segment by
segment (customers, orders, revenue) and in its totals, the second customer by customer
(every metric and score, the segment, the last order); the exit status is 1 when any
figure differs.
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


def clean(rows: pd.DataFrame, cleaning: str) -> pd.DataFrame:
    rows = rows[rows["CustomerID"].notna() & ~rows["InvoiceNo"].str.startswith("C")]
    if cleaning == "import":
        return rows
    rows = rows.drop_duplicates()
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
        # The tool's customer key: "17850.0" is customer 17850.
        customer=rows["CustomerID"].str.replace(r"\.0$", "", regex=True),
    )
    orders = rows.groupby("InvoiceNo").agg(
        customer=("customer", "first"), at=("at", "min"), line=("line", "sum")
    )
    # Half to even, once per order, from units of 1/scale to pence.
    divisor = scale // 100
    quotient, remainder = orders["line"] // divisor, orders["line"] % divisor
    up = (2 * remainder > divisor) | ((2 * remainder == divisor) & (quotient % 2 == 1))
    return orders.assign(total=quotient + up.astype("int64"))


def customers_of(orders: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """One row per customer: metrics, quintile scores and segment, sorted by id."""
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

    customers["r"] = bins(customers["recency_days"], [5, 4, 3, 2, 1])
    customers["f"] = bins(customers["frequency"], [1, 2, 3, 4, 5])
    customers["m"] = bins(customers["monetary"], [1, 2, 3, 4, 5])
    code = customers["r"] * 100 + customers["f"] * 10 + customers["m"]
    names = {int(c): name for name, codes in SEGMENTS.items() for c in codes.split()}
    customers["segment"] = code.map(names).fillna("other")
    return customers


def pence(amount: str) -> int:
    return int(Decimal(amount) * 100)


class Check:
    """Figures compared with tsuikyaku's; the mismatches are kept to be printed."""

    def __init__(self) -> None:
        self.checked = 0
        self.differing = 0
        self.mismatches: list = []  # the first few, to print

    def same(self, what: str, ours, theirs) -> None:
        self.checked += 1
        if ours != theirs:
            self.differing += 1
            self.mismatches.append(f"{what}: pandas {ours}, tsuikyaku {theirs}")


def compare_summary(customers: pd.DataFrame, path: str, check: Check) -> dict:
    with open(path, encoding="utf-8") as file:
        report = json.load(file)
    theirs = {s["name"]: s for s in report["segments"]}
    for name, group in customers.groupby("segment"):
        segment = theirs.get(name, {"customers": 0, "orders": 0, "revenue": "0"})
        check.same(f"{name} customers", len(group), segment["customers"])
        check.same(f"{name} orders", int(group["frequency"].sum()), segment["orders"])
        check.same(f"{name} revenue", int(group["monetary"].sum()), pence(segment["revenue"]))
    for name in set(theirs) - set(customers["segment"]):
        check.same(f"{name} customers", 0, theirs[name]["customers"])
    totals = report["totals"]
    check.same("total customers", len(customers), totals["customers"])
    check.same("total orders", int(customers["frequency"].sum()), totals["orders"])
    check.same("total revenue", int(customers["monetary"].sum()), pence(totals["revenue"]))
    return {name: segment["customers"] for name, segment in theirs.items()}


def compare_list(customers: pd.DataFrame, path: str, check: Check) -> None:
    theirs = pd.read_csv(path, dtype=str, encoding="utf-8-sig").set_index("customer_key")
    missing = customers.index.difference(theirs.index)
    extra = theirs.index.difference(customers.index)
    check.same("customers listed only by pandas", list(missing[:10]), [])
    check.same("customers listed only by tsuikyaku", [], list(extra[:10]))
    if len(missing) or len(extra):
        return
    theirs = theirs.loc[customers.index]
    fields = {
        "segment": theirs["segment"],
        "frequency": theirs["frequency"].astype("int64"),
        "monetary": theirs["monetary"].map(pence),
        "recency_days": theirs["recency_days"].astype("int64"),
        "r": theirs["r"].astype("int64"),
        "f": theirs["f"].astype("int64"),
        "m": theirs["m"].astype("int64"),
        "last": pd.to_datetime(theirs["last_order_at"], utc=True).dt.tz_localize(None),
    }
    for field, values in fields.items():
        differ = customers[field] != values
        check.checked += len(values)
        check.differing += int(differ.sum())
        for key in customers.index[differ][:10]:
            check.mismatches.append(
                f"customer {key} {field}: pandas {customers.at[key, field]}, "
                f"tsuikyaku {values[key]}"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("csv")
    parser.add_argument("--cleaning", choices=["readme", "import"], default="readme")
    parser.add_argument("--as-of", default="2011-12-10 12:50")
    parser.add_argument("--tsuikyaku-json")
    parser.add_argument("--tsuikyaku-list")
    args = parser.parse_args()

    rows = pd.read_csv(
        args.csv, dtype={"InvoiceNo": str, "StockCode": str, "UnitPrice": str, "CustomerID": str}
    )
    orders = orders_of(clean(rows, args.cleaning))
    customers = customers_of(orders, pd.Timestamp(args.as_of))
    counts = customers["segment"].value_counts()
    check = Check()
    theirs = compare_summary(customers, args.tsuikyaku_json, check) if args.tsuikyaku_json else {}
    if args.tsuikyaku_list:
        compare_list(customers, args.tsuikyaku_list, check)

    print(f"cleaning: {args.cleaning}; {len(orders):,} invoices, {len(customers):,} customers")
    print(f"{'segment':<20}{'pandas':>8}" + (f"{'tsuikyaku':>11}" if theirs else ""))
    for name in list(SEGMENTS) + ["other"]:
        count = int(counts.get(name, 0))
        if name == "other" and count == 0 and not theirs.get("other"):
            continue
        mine = theirs.get(name, 0)
        line = f"{name:<20}{count:>8}"
        if theirs:
            line += f"{mine:>11}" + ("" if mine == count else "   <- differs")
        print(line)
    print(f"{'total':<20}{len(customers):>8}" + (f"{sum(theirs.values()):>11}" if theirs else ""))
    for mismatch in check.mismatches[:40]:
        print(f"mismatch: {mismatch}")
    if check.checked:
        print(f"verify_pandas.py: {check.checked - check.differing:,} of {check.checked:,} "
              "figures equal")
    return 1 if check.differing else 0


if __name__ == "__main__":
    sys.exit(main())
