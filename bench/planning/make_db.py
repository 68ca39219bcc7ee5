#!/usr/bin/python3
"""Fills a tsuikyaku database with a synthetic shop, for timing planning (`campaigns`,
`plan`, `preview`):

    bench/planning/make_db.py --tsuikyaku build/tsuikyaku --orders 1000000 [--ledger] DB

ORDERS orders by ORDERS/3 customers over the two years before AS_OF (Unix seconds): most
customers order once or twice, a tenth of them often; most orders are shipped a day or
two later and delivered after that; 3% are cancelled; half of the customers accept
marketing. The schema comes from the binary itself (it creates and migrates DB; AS_OF,
--as-of, defaults to 2026-11-18). With --ledger, the ledger holds what a daily run of the shipped
campaigns (ja) would have written a day before AS_OF: the messages of the orders of the
four weeks before, and the win-back of every dormant customer, so that planning sees the
steady state of a shop that runs `send` every day rather than its first run.
Deterministic (seed 42).
"""
import argparse
import datetime
import os
import random
import sqlite3
import subprocess
import tempfile

DAY = 86400
WINBACK_PERIOD = 180 * DAY


def make_schema(binary, db):
    with tempfile.TemporaryDirectory() as work:
        subprocess.run([binary, "init", work, "--lang", "ja"], check=True,
                       stdout=subprocess.DEVNULL)
        subprocess.run([binary, "--config", os.path.join(work, "tsuikyaku.yaml"), "--db", db,
                        "segments"], check=True, stdout=subprocess.DEVNULL)


def fill_shop(db, rng, n_orders, as_of):
    n_customers = max(1, n_orders // 3)
    span = 2 * 365 * DAY
    db.executemany(
        "INSERT INTO customers (id, customer_key, match_key, email, name, accepts_marketing,"
        " profile_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0)",
        ((i, f"C{i:07d}", f"id:C{i:07d}", f"customer{i}@example.jp", f"顧客 {i}", i % 2)
         for i in range(1, n_customers + 1)))

    def orders():
        for i in range(1, n_orders + 1):
            regular = rng.random() < 0.4
            customer = rng.randrange(n_customers // 10 if regular else n_customers) + 1
            ordered = as_of - int(span * rng.random() ** 0.8)
            status = "cancelled" if rng.random() < 0.03 else "paid"
            shipped = ordered + rng.randrange(3600, 3 * DAY)
            delivered = shipped + rng.randrange(DAY, 3 * DAY) if rng.random() < 0.8 else None
            if shipped > as_of:
                shipped = delivered = None
            if delivered is not None and delivered > as_of:
                delivered = None
            yield (i, f"O{i:08d}", customer, ordered, rng.randrange(500, 30000), status,
                   shipped, delivered)

    db.executemany(
        "INSERT INTO orders (id, order_key, customer_id, ordered_at, total_minor, currency,"
        " status, shipped_at, delivered_at, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, 'JPY', ?, ?, ?, ?, 0, 0)", orders())


def fill_ledger(db, as_of):
    """A day-old run: every message of the shipped campaigns due in the four weeks before."""
    run = as_of - DAY
    rows = []
    triggers = [("thank-you", "transactional", "ordered_at", 0),
                ("shipping", "transactional", "shipped_at", 0),
                ("check-in", "transactional", "COALESCE(delivered_at, shipped_at)", 10 * DAY),
                ("review-request", "marketing", "COALESCE(delivered_at, shipped_at)", 21 * DAY)]
    for name, kind, event, delay in triggers:
        query = (f"SELECT o.id, o.order_key, o.customer_id, {event} + {delay}, c.accepts_marketing"
                 f" FROM orders o JOIN customers c ON c.id = o.customer_id"
                 f" WHERE {event} + {delay} BETWEEN ? AND ?")
        for order_id, key, customer, due, consent in db.execute(query, (run - 28 * DAY, run)):
            sent = kind == "transactional" or consent
            rows.append((f"{name}:order:{key}", name, kind, customer, order_id, None,
                         "sent" if sent else "skipped", due, None if sent else "no consent",
                         due if sent else None))
    start = as_of // WINBACK_PERIOD * WINBACK_PERIOD
    occurrence = "every-" + datetime.datetime.fromtimestamp(
        start, datetime.timezone.utc).strftime("%Y-%m-%d")
    query = ("SELECT c.id, c.customer_key, c.accepts_marketing FROM customers c"
             " JOIN orders o ON o.customer_id = c.id AND o.status = 'paid'"
             " GROUP BY c.id HAVING max(o.ordered_at) <= ?")
    for customer, key, consent in db.execute(query, (run - 90 * DAY,)):
        rows.append((f"winback:{occurrence}:customer:{key}", "winback", "marketing", customer,
                     None, occurrence, "sent" if consent else "skipped", start,
                     None if consent else "no consent", run if consent else None))
    db.executemany(
        "INSERT INTO messages (dedup_key, campaign, kind, customer_id, order_id, occurrence,"
        " state, due_at, next_attempt_at, skip_reason, sent_at, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ((*row[:8], row[7], row[8], row[9], run, run) for row in rows))
    # Campaigns that have mailed are past their first run (docs/sending.md), as `send`
    # would have recorded.
    db.execute("INSERT OR IGNORE INTO campaign_starts (campaign, started_at, started_by)"
               " SELECT campaign, min(created_at), 'first run' FROM messages"
               " WHERE kind = 'marketing' AND state <> 'skipped' GROUP BY campaign")
    return len(rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db")
    parser.add_argument("--tsuikyaku", default="build/tsuikyaku")
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--as-of", type=int, default=1_795_000_000)
    parser.add_argument("--ledger", action="store_true")
    args = parser.parse_args()
    make_schema(args.tsuikyaku, args.db)
    db = sqlite3.connect(args.db)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = OFF")
    with db:
        fill_shop(db, random.Random(42), args.orders, args.as_of)
        if args.ledger:
            print(f"ledger: {fill_ledger(db, args.as_of)} messages")
    db.close()


main()
