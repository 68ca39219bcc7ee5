#!/usr/bin/python3
"""Recomputes the report's order figures with pandas and compares them with tsuikyaku's.

    tsuikyaku report --json --as-of 2011-12-10 > report.json
    bench/report/compare_pandas.py --online-retail online-retail.csv --json report.json
    bench/report/compare_pandas.py --orders orders.csv --json report.json

An independent computation (issue 7 acceptance): the repeat-purchase rate and its 30/60/
90-day cohort figures, revenue by month split into first and repeat orders, the cohort
retention table and spend per customer by cohort, from a CSV of orders, compared with
`tsuikyaku report --json` field by field. Exit 0 when every figure matches, 1 otherwise.

Input, one of:
  --orders FILE         one row per order: order_id, customer_id, ordered_at (ISO 8601,
                        naive times in --timezone), total (major units), status (optional)
  --online-retail FILE  the UCI Online Retail line items (InvoiceNo, Quantity, InvoiceDate,
                        UnitPrice, CustomerID) as examples/mappings/online-retail.yaml
                        imports them (SPEC §3): rows without CustomerID dropped (the import
                        rejects them), the order placed at its earliest row, its total the
                        sum of quantity × unit price rounded half to even once, duplicate
                        rows and zero prices kept as lines. Cancellation invoices (C…) are
                        orders with status cancelled (the mapping's cancelled_id_prefix),
                        which count nowhere.

The time zone and currency come from the JSON's "shop", the as-of moment from its "as_of".
"""
import argparse
import decimal
import json
import sys

import pandas as pd

WINDOWS = (30, 60, 90)
NOT_COUNTED = {"cancelled", "refunded", "voided"}


def minor_units(amount, exponent):
    """An exact decimal in major units to integer minor units, half to even."""
    scaled = decimal.Decimal(amount).scaleb(exponent)
    return int(scaled.quantize(decimal.Decimal(1), rounding=decimal.ROUND_HALF_EVEN))


def localize(naive, zone):
    # As tsuikyaku reads a wall-clock time: the earlier instant when it occurs twice, the
    # offset before the change when it is skipped.
    return naive.dt.tz_localize(zone, ambiguous=True, nonexistent=pd.Timedelta("1h"))


def read_orders(path, zone, exponent):
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.columns = [c.strip().lower() for c in frame.columns]
    parsed = pd.to_datetime(frame["ordered_at"])
    if parsed.dt.tz is None:
        when = localize(parsed, zone)
    else:
        when = parsed.dt.tz_convert(zone)
    status = frame["status"].str.lower() if "status" in frame else "paid"
    return pd.DataFrame({
        "customer": frame["customer_id"].where(frame["customer_id"] != "", frame.get("email")),
        "at": when.dt.tz_convert("UTC"),
        "total": [minor_units(t.replace(",", ""), exponent) for t in frame["total"]],
        "status": status,
    })


def read_online_retail(path, zone, exponent):
    rows = pd.read_csv(path, dtype=str, keep_default_na=False)
    rows = rows[rows["CustomerID"].str.strip() != ""]
    line = [decimal.Decimal(q) * decimal.Decimal(p)
            for q, p in zip(rows["Quantity"], rows["UnitPrice"])]
    rows = rows.assign(line=line, at=pd.to_datetime(rows["InvoiceDate"]))
    orders = rows.groupby("InvoiceNo").agg(customer=("CustomerID", "last"), at=("at", "min"),
                                           total=("line", lambda s: sum(s, decimal.Decimal(0))))
    return pd.DataFrame({
        "customer": orders["customer"],
        "at": localize(orders["at"], zone).dt.tz_convert("UTC"),
        "total": [minor_units(t, exponent) for t in orders["total"]],
        "status": ["cancelled" if n.startswith("C") else "paid" for n in orders.index],
    }).reset_index(drop=True)


def month_start(period, zone):
    return pd.Timestamp(period.start_time).tz_localize(zone).tz_convert("UTC")


def compute(orders, zone, as_of):
    orders = orders[~orders["status"].isin(NOT_COUNTED) & (orders["at"] <= as_of)].copy()
    orders["month"] = orders["at"].dt.tz_convert(zone).dt.tz_localize(None).dt.to_period("M")
    orders = orders.sort_values(["customer", "at", "total"], kind="mergesort")
    orders["n"] = orders.groupby("customer").cumcount()
    first = orders[orders["n"] == 0].set_index("customer")
    second = orders[orders["n"] == 1].set_index("customer")
    orders["cohort"] = orders["customer"].map(first["month"])

    months = {}
    for month, group in orders.groupby("month"):
        is_first = group["n"] == 0
        months[str(month)] = {
            "first_orders": int(is_first.sum()), "repeat_orders": int((~is_first).sum()),
            "first_revenue": int(group.loc[is_first, "total"].sum()),
            "repeat_revenue": int(group.loc[~is_first, "total"].sum())}

    gap = (second["at"] - first["at"].reindex(second.index)).reindex(first.index)
    cohorts = {}
    for cohort, members in first.groupby("month"):
        mine = orders[orders["cohort"] == cohort]
        end = month_start(cohort + 1, zone)
        again = []
        for days in WINDOWS:
            if end + pd.Timedelta(days=days) > as_of:
                again.append(None)
            else:
                again.append(int((gap.loc[members.index] <= pd.Timedelta(days=days)).sum()))
        offsets = (mine["month"] - cohort).apply(lambda d: d.n)
        active = mine.assign(k=offsets).groupby("k")["customer"].nunique()
        cohorts[str(cohort)] = {
            "customers": len(members), "orders": len(mine), "revenue": int(mine["total"].sum()),
            "ordered_again": again, "active": {int(k): int(v) for k, v in active.items()}}
    return {"customers": len(first), "repeat_customers": len(second), "orders": len(orders),
            "revenue": int(orders["total"].sum()), "months": months, "cohorts": cohorts}


class Comparison:
    def __init__(self, exponent):
        self.exponent = exponent
        self.checked = 0
        self.mismatches = []

    def same(self, what, ours, theirs):
        self.checked += 1
        if ours != theirs:
            self.mismatches.append(f"{what}: pandas {ours}, tsuikyaku {theirs}")

    def money(self, what, minor, text):
        self.same(what, minor, minor_units(text, self.exponent))

    def rate(self, what, part, whole, number):
        """A share in the JSON: part / whole to four decimals (docs/json.md)."""
        exact = decimal.Decimal(part) / whole if whole else decimal.Decimal(0)
        ours = exact.quantize(decimal.Decimal("0.0001"), rounding=decimal.ROUND_HALF_EVEN)
        self.same(what, ours, None if number is None else decimal.Decimal(str(number)))


def compare(expected, report, exponent):
    check = Comparison(exponent)
    check.same("customers", expected["customers"], report["repeat_purchase"]["customers"])
    check.same("repeat customers", expected["repeat_customers"],
               report["repeat_purchase"]["repeat_customers"])
    check.rate("repeat rate", expected["repeat_customers"], expected["customers"],
               report["repeat_purchase"]["repeat_rate"])
    check.same("orders", expected["orders"], report["totals"]["orders"])
    check.money("revenue", expected["revenue"], report["totals"]["revenue"])
    months = {m["month"]: m for m in report["revenue_by_month"]}
    for name in sorted(set(months) | set(expected["months"])):
        ours = expected["months"].get(name, {"first_orders": 0, "repeat_orders": 0,
                                             "first_revenue": 0, "repeat_revenue": 0})
        theirs = months.get(name)
        if theirs is None:
            check.same(f"month {name}", "present", "absent")
            continue
        for field in ("first_orders", "repeat_orders"):
            check.same(f"{name} {field}", ours[field], theirs[field])
        for field in ("first_revenue", "repeat_revenue"):
            check.money(f"{name} {field}", ours[field], theirs[field])
        check.same(f"{name} orders", ours["first_orders"] + ours["repeat_orders"], theirs["orders"])
        check.money(f"{name} revenue", ours["first_revenue"] + ours["repeat_revenue"],
                    theirs["revenue"])
    cohorts = {c["month"]: c for c in report["cohorts"]}
    check.same("cohort months", sorted(expected["cohorts"]), sorted(cohorts))
    for name, ours in expected["cohorts"].items():
        theirs = cohorts.get(name)
        if theirs is None:
            continue
        check.same(f"cohort {name} customers", ours["customers"], theirs["customers"])
        check.same(f"cohort {name} orders", ours["orders"], theirs["orders"])
        check.money(f"cohort {name} revenue", ours["revenue"], theirs["revenue"])
        average = decimal.Decimal(ours["revenue"]) / ours["customers"]
        check.same(f"cohort {name} average spend",
                   int(average.quantize(1, rounding=decimal.ROUND_HALF_EVEN)),
                   minor_units(theirs["average_spend"], exponent))
        check.same(f"cohort {name} ordered again", ours["ordered_again"],
                   [w["customers"] for w in theirs["ordered_again"]])
        for again, window in zip(ours["ordered_again"], theirs["ordered_again"]):
            if again is not None:
                check.rate(f"cohort {name} {window['days']}-day rate", again, ours["customers"],
                           window["rate"])
        retention = [ours["active"].get(k, 0) for k in range(len(theirs["retention"]))]
        check.same(f"cohort {name} retention", retention, theirs["retention"])
    return check


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--orders", help="a CSV with one row per order")
    source.add_argument("--online-retail", help="the UCI Online Retail line items")
    parser.add_argument("--json", required=True, help="tsuikyaku report --json output, - for stdin")
    args = parser.parse_args()

    report = json.load(sys.stdin if args.json == "-" else open(args.json, encoding="utf-8"))
    zone = report["shop"]["timezone"]
    revenue = report["totals"]["revenue"]
    exponent = len(revenue.split(".")[1]) if "." in revenue else 0
    as_of = pd.Timestamp(report["as_of"]).tz_convert("UTC")
    if args.orders:
        orders = read_orders(args.orders, zone, exponent)
    else:
        orders = read_online_retail(args.online_retail, zone, exponent)
    check = compare(compute(orders, zone, as_of), report, exponent)
    for mismatch in check.mismatches[:40]:
        print(f"mismatch: {mismatch}")
    totals, repeat = report["totals"], report["repeat_purchase"]
    print(f"tsuikyaku: {totals['customers']:,} customers, {totals['orders']:,} orders, revenue "
          f"{totals['revenue']}, {repeat['repeat_customers']:,} repeat customers "
          f"(rate {repeat['repeat_rate']})")
    print(f"compare_pandas.py: {check.checked - len(check.mismatches)} of {check.checked} "
          f"figures equal ({len(report['cohorts'])} cohorts, "
          f"{len(report['revenue_by_month'])} months)")
    return 1 if check.mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
