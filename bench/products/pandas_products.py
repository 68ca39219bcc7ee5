#!/usr/bin/python3
"""Every product of the UCI Online Retail data, computed with pandas.

An independent check of `tsuikyaku products` (issue 13, docs/products.md). The rows the
import keeps as lines of orders that count are the ones with a customer whose invoice
number does not start with C (rows without a customer are rejected; C invoices are
stored as cancelled); duplicate rows, zero prices and negative quantities outside C
invoices stay lines of their invoices, as the export has them. An invoice is one order,
placed at its earliest row, of the customer on its first row. Text fields are trimmed as
the import trims them; a product is the StockCode, or the Description where there is no
StockCode. InvoiceDate is a local time in TIMEZONE (Europe/London: the gaps across a
change of daylight saving time are real hours).

Per product: orders (invoices with it), customers, units (Σ Quantity), revenue
(Σ Quantity × UnitPrice, exact, rounded half to even to pence once), repeat customers
(customers with two or more of its orders) and the median reorder days: the median of the
gaps floor(elapsed seconds / 86400) between each customer's consecutive orders of it,
over all its customers, None under five gaps.

Usage:
  bench/products/pandas_products.py ONLINE_RETAIL_CSV [--as-of "2011-12-10 12:50"]
      [--timezone Europe/London] [--tsuikyaku-json FILE] [--top 10]

--tsuikyaku-json is the output of `tsuikyaku products --json --as-of AS_OF` in a workspace
of the same time zone, currency GBP; it is compared product by product, every figure, and
the exit status is 1 when any differs. Prints the counts and the TOP products with the
most repeat customers (ties by SKU), as a Markdown table.
"""

import argparse
import json
import sys
from decimal import Decimal

import numpy as np
import pandas as pd

FIGURES = ("orders", "customers", "units", "revenue", "repeat_customers", "median_reorder_days")


def counted_lines(csv: str, timezone: str, as_of: str) -> pd.DataFrame:
    rows = pd.read_csv(csv, dtype=str, keep_default_na=False)
    for column in rows.columns:
        rows[column] = rows[column].str.strip()
    rows = rows[(rows["CustomerID"] != "") & ~rows["InvoiceNo"].str.startswith("C")]
    at = pd.to_datetime(rows["InvoiceDate"], format="%Y-%m-%d %H:%M:%S")
    rows = rows.assign(
        at=at.dt.tz_localize(timezone).dt.tz_convert("UTC"),
        product=rows["StockCode"].where(rows["StockCode"] != "", rows["Description"]),
        quantity=rows["Quantity"].astype("int64"),
    )
    # The order's customer and time: its first row's customer, its earliest row's time.
    invoices = rows.groupby("InvoiceNo", sort=False).agg(customer=("CustomerID", "first"),
                                                          placed=("at", "min"))
    rows = rows.join(invoices, on="InvoiceNo")
    cut = pd.Timestamp(as_of).tz_localize(timezone).tz_convert("UTC")
    return rows[(rows["placed"] <= cut) & (rows["product"] != "")]


def revenue_pence(lines: pd.DataFrame) -> pd.Series:
    """Σ quantity × price per product in exact integers, half to even to pence once."""
    prices = lines["UnitPrice"].unique()
    decimals = max(2, max(-Decimal(p).as_tuple().exponent for p in prices))
    scale = 10**decimals
    units = {p: int(Decimal(p) * scale) for p in prices}
    amount = lines["quantity"] * lines["UnitPrice"].map(units).astype("int64")
    total = amount.groupby(lines["product"]).sum()
    divisor = scale // 100
    quotient, remainder = total // divisor, total % divisor
    up = (2 * remainder > divisor) | ((2 * remainder == divisor) & (quotient % 2 == 1))
    return quotient + up.astype("int64")


def products_of(lines: pd.DataFrame) -> pd.DataFrame:
    orders = (lines[["product", "customer", "InvoiceNo", "placed"]]
              .drop_duplicates(["product", "InvoiceNo"])
              .sort_values(["product", "customer", "placed", "InvoiceNo"]))
    per_customer = orders.groupby(["product", "customer"]).size()
    out = pd.DataFrame({
        "orders": orders.groupby("product").size(),
        "customers": per_customer.groupby("product").size(),
        "units": lines.groupby("product")["quantity"].sum(),
        "revenue": revenue_pence(lines),
        "repeat_customers": (per_customer >= 2).groupby("product").sum(),
    })
    same = (orders["product"] == orders["product"].shift()) & (
        orders["customer"] == orders["customer"].shift())
    elapsed = (orders["placed"] - orders["placed"].shift()).dt.total_seconds()
    gaps = (elapsed[same] // 86400).astype("int64").groupby(orders["product"][same])

    def median(values: pd.Series):
        return float(np.median(values.to_numpy())) if len(values) >= 5 else None

    out["median_reorder_days"] = gaps.apply(median).reindex(out.index)
    out["median_reorder_days"] = out["median_reorder_days"].astype(object).where(
        out["median_reorder_days"].notna(), None)
    return out.sort_index()


def theirs_of(path: str) -> pd.DataFrame:
    with open(path, encoding="utf-8") as file:
        products = json.load(file)["products"]
    table = pd.DataFrame(products).set_index("sku")
    table["revenue"] = table["revenue"].map(lambda r: int(Decimal(r) * 100))
    # As read from the JSON, null as None (a DataFrame would make it NaN).
    table["median_reorder_days"] = pd.Series(
        [None if p["median_reorder_days"] is None else float(p["median_reorder_days"])
         for p in products], index=table.index, dtype=object)
    return table


def compare(ours: pd.DataFrame, theirs: pd.DataFrame) -> tuple:
    mismatches = []
    only_pandas = ours.index.difference(theirs.index)
    only_tsuikyaku = theirs.index.difference(ours.index)
    mismatches += [f"product {p!r} only in pandas" for p in only_pandas[:10]]
    mismatches += [f"product {p!r} only in tsuikyaku" for p in only_tsuikyaku[:10]]
    checked = differing = len(only_pandas) + len(only_tsuikyaku)
    both = ours.index.intersection(theirs.index)
    for figure in FIGURES:
        mine, yours = ours.loc[both, figure], theirs.loc[both, figure]
        if figure == "median_reorder_days":
            differ = pd.Series([m != y for m, y in zip(mine, yours)], index=both)
        else:
            differ = mine.astype("int64") != yours.astype("int64")
        checked += len(both)
        differing += int(differ.sum())
        for sku in both[differ.to_numpy()][:10]:
            mismatches.append(f"{sku} {figure}: pandas {mine[sku]}, tsuikyaku {yours[sku]}")
    return checked, differing, mismatches


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv")
    parser.add_argument("--as-of", default="2011-12-10 12:50")
    parser.add_argument("--timezone", default="Europe/London")
    parser.add_argument("--tsuikyaku-json")
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args()

    lines = counted_lines(args.csv, args.timezone, args.as_of)
    ours = products_of(lines)
    with_interval = int(ours["median_reorder_days"].notna().sum())
    print(f"{len(lines):,} lines of {lines['InvoiceNo'].nunique():,} counted orders by "
          f"{lines['customer'].nunique():,} customers: {len(ours):,} products, "
          f"{int((ours['repeat_customers'] > 0).sum()):,} bought again by someone, "
          f"{with_interval:,} with a reorder interval")
    names = lines.sort_values("placed").groupby("product")["Description"].last()
    top = ours.assign(sku=ours.index).sort_values(["repeat_customers", "sku"],
                                                  ascending=[False, True]).head(args.top)
    print()
    print("| SKU | name | orders | customers | repeat customers | median reorder days |")
    print("|---|---|---|---|---|---|")
    for sku, row in top.iterrows():
        days = row["median_reorder_days"]
        days = "-" if days is None else f"{days:g}"
        print(f"| {sku} | {names[sku]} | {row['orders']:,} | {row['customers']:,} | "
              f"{row['repeat_customers']:,} | {days} |")
    if not args.tsuikyaku_json:
        return 0
    checked, differing, mismatches = compare(ours, theirs_of(args.tsuikyaku_json))
    print()
    for mismatch in mismatches[:40]:
        print(f"mismatch: {mismatch}")
    print(f"pandas_products.py: {checked - differing:,} of {checked:,} figures equal")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
