#!/usr/bin/python3
"""Writes a generic-preset order export for the import benchmark (docs/benchmarks.md).

    bench/import/generate.py ROWS CUSTOMERS > orders.csv
    bench/import/generate.py ROWS --customers N > orders.csv

Deterministic (fixed seed). With CUSTOMERS, each order's customer is drawn from that many
(1,000,000 rows of 300,000 give 268,101 buyers): about a third buy again, a few buy often.
With --customers N exactly N customers buy: each one order, and the other ROWS - N orders
drawn with the same skew (with N = 700,000 of a million, most buy once, as in real shops).
Times are a mix of naive local times and ISO 8601 with +09:00; some orders are
cancelled, most shipped, many delivered. Everything is invented.
"""
import random
import sys

FAMILY = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤",
          "吉田", "山田", "佐々木", "山口", "松本", "井上", "木村", "林", "斎藤", "清水",
          "髙橋", "﨑山", "森", "池田", "橋本", "阿部", "石川", "山下", "中島", "石井"]
GIVEN = ["花子", "太郎", "陽菜", "蓮", "結衣", "悠真", "美咲", "大翔", "さくら", "翔太",
         "葵", "湊", "凛", "陸", "楓", "颯", "結菜", "樹", "芽依", "健一"]
PREFECTURES = ["東京都渋谷区", "大阪府大阪市北区", "京都府京都市左京区", "北海道札幌市中央区",
               "福岡県福岡市博多区", "愛知県名古屋市中区", "神奈川県横浜市港北区"]
CARRIERS = ["ヤマト運輸", "佐川急便", "日本郵便"]


def main():
    args = sys.argv[1:]
    exact = None
    if "--customers" in args:
        at = args.index("--customers")
        exact = int(args[at + 1])
        del args[at:at + 2]
    rows = int(args[0]) if len(args) > 0 else 1_000_000
    customers = int(args[1]) if len(args) > 1 else 300_000
    rng = random.Random(20261123)
    chosen = None
    if exact is not None:
        if not 0 < exact <= rows:
            sys.exit("--customers must be between 1 and ROWS")
        customers = exact
        pick = random.Random(20261203)
        chosen = list(range(exact)) + [int(exact * pick.random() ** 2.2)
                                       for _ in range(rows - exact)]
        pick.shuffle(chosen)
    out = sys.stdout
    out.write("order_id,customer_id,email,name,ordered_at,total,currency,status,shipped_at,"
              "delivered_at,tracking_number,carrier,accepts_marketing,postal_code,address,phone\n")
    start = 1_735_657_200  # 2025-01-01 00:00 +09:00
    span = 365 * 86400
    for n in range(rows):
        # Skewed choice: low customer numbers buy much more often (repeat and loyal buyers).
        c = int(customers * rng.random() ** 2.2)
        if chosen is not None:
            c = chosen[n]
        name = FAMILY[c % len(FAMILY)] + " " + GIVEN[(c // 7) % len(GIVEN)]
        email = f"customer{c}@example.jp" if c % 9 else f"Customer{c}@Example.JP"
        t = start + span * n // rows + rng.randrange(3600)
        local = t + 9 * 3600
        y, mo, d, h, mi, s = gm(local)
        if n % 2:
            ordered = f"{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}"
        else:
            ordered = f"{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}+09:00"
        total = rng.choice([980, 1980, 2480, 3300, 4980, 6600, 12800]) + 100 * rng.randrange(20)
        status, shipped, delivered, tracking, carrier = "paid", "", "", "", ""
        r = rng.random()
        if r < 0.03:
            status = "cancelled"
        elif r < 0.9:
            sy, smo, sd, *_ = gm(local + 86400 * (1 + rng.randrange(3)))
            shipped = f"{sy:04}-{smo:02}-{sd:02} 15:00"
            tracking = str(100000000000 + n)
            carrier = CARRIERS[n % 3]
            if r < 0.7:
                dy, dmo, dd, *_ = gm(local + 86400 * (3 + rng.randrange(3)))
                delivered = f"{dy:04}-{dmo:02}-{dd:02} 12:00"
        accepts = "yes" if c % 3 else "no"
        postal = f"{100 + c % 900:03}-{c % 10000:04}"
        address = f"{PREFECTURES[c % len(PREFECTURES)]}{c % 9 + 1}-{c % 20 + 1}-{c % 30 + 1}"
        phone = f"090-{c % 10000:04}-{(c * 7) % 10000:04}"
        out.write(f"{100000 + n},C{c},{email},{name},{ordered},{total},JPY,{status},{shipped},"
                  f"{delivered},{tracking},{carrier},{accepts},{postal},{address},{phone}\n")


def gm(seconds):
    import time
    g = time.gmtime(seconds)
    return g.tm_year, g.tm_mon, g.tm_mday, g.tm_hour, g.tm_min, g.tm_sec


if __name__ == "__main__":
    main()
