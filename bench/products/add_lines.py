#!/usr/bin/python3
"""Adds line items to every order of a tsuikyaku database, for timing `products`
(docs/benchmarks.md):

    bench/products/add_lines.py DB

Each order gets 1 to 3 lines from 2,000 SKUs with Japanese names and prices from 480 to
6,440 yen: the first line is the customer's own favourite half of the time (so that
customers buy the same product again, and products have reorder intervals), otherwise a
product drawn with a skew towards the popular ones.
Lines already there are replaced. Deterministic (seed 13).
"""
import random
import sqlite3
import sys

KINDS = ["煎茶", "玉露", "ほうじ茶", "抹茶", "玄米茶", "和紅茶", "ドリップコーヒー", "ハンドクリーム",
         "化粧水", "キャットフード", "ドッグフード", "はちみつ"]
N_SKUS = 2000


def main():
    db = sqlite3.connect(sys.argv[1])
    rng = random.Random(13)
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    db.execute("DELETE FROM order_lines")
    price = [str(480 + 40 * rng.randrange(150)) for _ in range(N_SKUS)]

    def lines():
        for order_id, customer_id in db.execute("SELECT id, customer_id FROM orders ORDER BY id"):
            for line_no in range(1, rng.randint(1, 3) + 1):
                if line_no == 1 and rng.random() < 0.5:
                    sku = customer_id * 7919 % N_SKUS
                else:
                    sku = int(N_SKUS * rng.random() ** 1.8)
                name = f"{KINDS[sku % len(KINDS)]} {sku // len(KINDS) + 1}号"
                yield (order_id, line_no, f"SKU-{sku:04d}", name, rng.randint(1, 3), price[sku])

    db.executemany("INSERT INTO order_lines (order_id, line_no, sku, description, quantity, "
                   "unit_price) VALUES (?, ?, ?, ?, ?, ?)", list(lines()))
    db.commit()


if __name__ == "__main__":
    main()
