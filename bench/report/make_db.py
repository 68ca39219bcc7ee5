#!/usr/bin/python3
"""Fills a tsuikyaku database with a synthetic shop, for timing `tsuikyaku report`.

    bench/report/make_db.py --tsuikyaku build-release/tsuikyaku --orders 1000000 DB

The schema comes from the binary itself (it creates and migrates DB), so the rows are
the ones import, segments and send write: customers whose number of orders falls off
geometrically over three years, 4% cancelled or refunded orders, two segment runs a
month apart, and four campaigns whose mail some customers answer with an order, one
of them with coupon codes that come back as discount codes. Deterministic (--seed).
"""
import argparse
import os
import random
import sqlite3
import subprocess
import sys
import tempfile

DAY = 86400
START = 1_700_000_000  # 2023-11-14
SPAN = 3 * 365 * DAY
RULES = "dormant,loyal,repeat,new"


def make_schema(binary, db):
    with tempfile.TemporaryDirectory() as work:
        subprocess.run([binary, "init", work, "--lang", "en"], check=True,
                       stdout=subprocess.DEVNULL)
        subprocess.run([binary, "--config", os.path.join(work, "tsuikyaku.yaml"), "--db", db,
                        "report", "--json"], check=True, stdout=subprocess.DEVNULL)


def customer_orders(rng, customer_id, first):
    """One customer's orders: a first one, then each further one with falling odds."""
    t = first
    orders = [t]
    keep = 0.45
    while rng.random() < keep and t < START + SPAN:
        t += int(rng.expovariate(1 / (45 * DAY))) + 3600
        orders.append(t)
        keep = min(0.8, keep + 0.1)
    return [o for o in orders if o < START + SPAN]


def segment(orders, as_of):
    mine = [t for t in orders if t <= as_of]
    if not mine:
        return None
    if (as_of - mine[-1]) // DAY >= 90:
        return "dormant"
    if len(mine) >= 3:
        return "loyal"
    return "repeat" if len(mine) >= 2 else "new"


def fill(con, rng, target):
    cur = con.cursor()
    orders, customers, members, messages = [], [], [], []
    runs = [(1, START + SPAN - 31 * DAY), (2, START + SPAN)]
    customer_id, order_id, message_id = 0, 0, 0
    while order_id < target:
        customer_id += 1
        times = customer_orders(rng, customer_id, START + rng.randrange(SPAN))
        customers.append((customer_id, f"C{customer_id}", f"id:C{customer_id}",
                          f"c{customer_id}@example.com", times[0]))
        for run_id, as_of in runs:
            name = segment(times, as_of)
            if name:
                mine = [t for t in times if t <= as_of]
                members.append((run_id, customer_id, name, (as_of - mine[-1]) // DAY,
                                len(mine), 4000 * len(mine)))
        mailed = rng.random() < 0.1
        for t in times:
            order_id += 1
            status = "paid"
            roll = rng.random()
            if roll < 0.03:
                status = "cancelled"
            elif roll < 0.04:
                status = "refunded"
            code = None
            if mailed and rng.random() < 0.3:
                code = f"LOYAL-{customer_id}"
            orders.append((order_id, f"O{order_id}", customer_id, t,
                           rng.randrange(500, 20000), status, code))
        if mailed:
            campaign = ["thank-you", "check-in", "loyal-thanks", "winback"][customer_id % 4]
            sent = times[0] + 2 * DAY
            message_id += 1
            coupon = f"LOYAL-{customer_id}" if campaign == "loyal-thanks" else None
            messages.append((message_id, f"k{message_id}", campaign, customer_id, sent, coupon))
    cur.executemany("INSERT INTO customers (id, customer_key, match_key, email, profile_at, "
                    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, 0)", customers)
    cur.executemany("INSERT INTO orders (id, order_key, customer_id, ordered_at, total_minor, "
                    "currency, status, discount_code, created_at, updated_at) "
                    "VALUES (?, ?, ?, ?, ?, 'JPY', ?, ?, 0, 0)", orders)
    cur.executemany("INSERT INTO segment_runs (id, as_of, computed_at, scoring, rules) "
                    "VALUES (?, ?, ?, 'percentile', ?)", [(i, t, t, RULES) for i, t in runs])
    cur.executemany("INSERT INTO customer_segments (run_id, customer_id, segment, recency_days, "
                    "frequency, monetary_minor, r, f, m) VALUES (?, ?, ?, ?, ?, ?, 3, 3, 3)",
                    members)
    cur.executemany("INSERT INTO messages (id, dedup_key, campaign, kind, customer_id, state, "
                    "due_at, next_attempt_at, coupon_code, created_at, updated_at, sent_at) "
                    "VALUES (?, ?, ?, 'marketing', ?, 'sent', ?5, ?5, ?6, ?5, ?5, ?5)", messages)
    return customer_id, order_id, message_id


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("--tsuikyaku", default="build-release/tsuikyaku")
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if os.path.exists(args.db):
        sys.exit(f"make_db.py: {args.db} exists; give a new file")
    make_schema(args.tsuikyaku, args.db)
    con = sqlite3.connect(args.db)
    with con:
        customers, orders, messages = fill(con, random.Random(args.seed), args.orders)
    con.close()
    print(f"{args.db}: {customers} customers, {orders} orders, {messages} messages")


if __name__ == "__main__":
    main()
