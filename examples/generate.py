#!/usr/bin/python3
"""Writes the example exports in this folder. Deterministic: run it again and the files
come out byte for byte the same. Everything in them is invented.

    examples/generate.py            # from the repository root or anywhere

- orders-generic.csv   the generic preset: 300 orders over 2025, Japanese names, repeat
                       buyers, some cancelled, shipped and delivered dates (UTF-8, LF)
- orders-shopify.csv   Shopify's orders export: line items, order fields on first rows
- orders-base.csv      a BASE-style export: Japanese headers, CP932, CRLF
- orders-woocommerce.csv  WooCommerce through the Customer / Order / Coupon Export
                       extension, its "Default" format: one row per order, UTF-8
- orders-eccube.csv    EC-CUBE 4's 受注CSV with its default columns: one row per order
                       item, CP932, LF, written as PHP's fputcsv writes it
- line-items.csv       a line-item export for mappings/line-items.yaml
"""
import csv
import datetime as dt
import io
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
JST = dt.timezone(dt.timedelta(hours=9))

PEOPLE = [
    ("山田 花子", "hanako.yamada"), ("佐藤 太郎", "taro.sato"), ("鈴木 陽菜", "hina.suzuki"),
    ("高橋 蓮", "ren.takahashi"), ("田中 結衣", "yui.tanaka"), ("伊藤 悠真", "yuma.ito"),
    ("渡辺 美咲", "misaki.watanabe"), ("山本 大翔", "hiroto.yamamoto"), ("中村 さくら", "sakura.nakamura"),
    ("小林 翔太", "shota.kobayashi"), ("加藤 葵", "aoi.kato"), ("吉田 湊", "minato.yoshida"),
    ("髙橋 凛", "rin.takahashi"), ("﨑山 陸", "riku.sakiyama"), ("松本 楓", "kaede.matsumoto"),
    ("井上 颯", "hayate.inoue"), ("木村 結菜", "yuna.kimura"), ("林 樹", "itsuki.hayashi"),
    ("斎藤 芽依", "mei.saito"), ("清水 健一", "kenichi.shimizu"), ("森 千尋", "chihiro.mori"),
    ("池田 瑛太", "eita.ikeda"), ("橋本 紗希", "saki.hashimoto"), ("阿部 智也", "tomoya.abe"),
    ("石川 真央", "mao.ishikawa"), ("山下 航", "wataru.yamashita"), ("中島 愛", "ai.nakajima"),
    ("石井 亮", "ryo.ishii"), ("小川 茜", "akane.ogawa"), ("前田 拓海", "takumi.maeda"),
]
DOMAINS = ["example.jp", "example.com", "mail.example.ne.jp"]
ADDRESSES = [("150-0001", "東京都渋谷区神宮前1-2-3"), ("530-0001", "大阪府大阪市北区梅田2-4-9"),
             ("606-8501", "京都府京都市左京区吉田本町36-1"), ("060-0001", "北海道札幌市中央区北1条西2-1"),
             ("810-0001", "福岡県福岡市中央区天神1-8-1"), ("460-0008", "愛知県名古屋市中区栄3-5-1")]
PRODUCTS = [("TEA-SEN-100", "煎茶 100g", "1080"), ("TEA-GYO-50", "玉露 50g", "2160"),
            ("TEA-HOJ-200", "ほうじ茶 200g", "864"), ("TEA-MAT-30", "抹茶 30g", "1620"),
            ("CUP-YUN-01", "湯呑み 藍", "2750"), ("KYU-TOK-01", "急須 常滑焼", "5500")]
CARRIERS = ["ヤマト運輸", "佐川急便", "日本郵便"]


def person(rng, i):
    # A few customers buy often; many buy once.
    k = int(len(PEOPLE) * 4 * rng.random() ** 1.8)
    name, local = PEOPLE[k % len(PEOPLE)]
    suffix = "" if k < len(PEOPLE) else str(k // len(PEOPLE))
    return name, f"{local}{suffix}@{DOMAINS[k % len(DOMAINS)]}", k


def orders(rng, count):
    start = dt.datetime(2025, 1, 6, 9, 0, tzinfo=JST)
    for i in range(count):
        when = start + dt.timedelta(minutes=int(i * 1745 + rng.randrange(600)))
        name, email, k = person(rng, i)
        items = [rng.choice(PRODUCTS) for _ in range(1 + rng.randrange(3))]
        total = sum(int(p[2]) for p in items) + (0 if len(items) > 1 else 600)
        r = rng.random()
        state = "cancelled" if r < 0.05 else ("pending" if when.month == 12 and when.day > 20 else "paid")
        shipped = when + dt.timedelta(days=1 + rng.randrange(2), hours=6) if state == "paid" else None
        delivered = shipped + dt.timedelta(days=1 + rng.randrange(2)) if shipped and r < 0.85 else None
        yield dict(i=i, when=when, name=name, email=email, k=k, items=items, total=total,
                   state=state, shipped=shipped, delivered=delivered,
                   accepts=k % 3 != 0, address=ADDRESSES[k % len(ADDRESSES)],
                   phone=f"090-{1000 + k:04}-{(k * 37) % 10000:04}")


def write(name, text, encoding="utf-8", newline="\n"):
    with open(os.path.join(HERE, name), "w", encoding=encoding, newline="") as f:
        f.write(text.replace("\n", newline))


def generic(rng):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["order_id", "email", "name", "ordered_at", "total", "currency", "status",
                "shipped_at", "delivered_at", "tracking_number", "carrier", "accepts_marketing",
                "postal_code", "address", "phone"])
    for o in orders(rng, 300):
        # Half the times naive (read in shop.timezone), half with their offset.
        t = o["when"].strftime("%Y-%m-%d %H:%M:%S") if o["i"] % 2 else o["when"].isoformat()
        w.writerow([f"KT-{10001 + o['i']}", o["email"], o["name"], t, o["total"], "JPY", o["state"],
                    o["shipped"].strftime("%Y-%m-%d %H:%M") if o["shipped"] else "",
                    o["delivered"].strftime("%Y-%m-%d %H:%M") if o["delivered"] else "",
                    f"4{o['i']:011}" if o["shipped"] else "",
                    CARRIERS[o["i"] % 3] if o["shipped"] else "",
                    "yes" if o["accepts"] else "no", o["address"][0], o["address"][1], o["phone"]])
    write("orders-generic.csv", out.getvalue())


def shopify(rng):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["Name", "Email", "Financial Status", "Paid at", "Fulfillment Status", "Fulfilled at",
                "Accepts Marketing", "Currency", "Subtotal", "Shipping", "Taxes", "Total",
                "Discount Code", "Created at", "Lineitem quantity", "Lineitem name",
                "Lineitem price", "Lineitem sku", "Billing Name", "Shipping Street",
                "Shipping Zip", "Shipping Phone", "Cancelled at", "Id"])
    for o in orders(rng, 60):
        t = o["when"].astimezone(dt.timezone(dt.timedelta(hours=-5)))
        created = t.strftime("%Y-%m-%d %H:%M:%S %z")
        cancelled = created if o["state"] == "cancelled" else ""
        fulfilled = o["shipped"].astimezone(t.tzinfo).strftime("%Y-%m-%d %H:%M:%S %z") if o["shipped"] else ""
        for n, (sku, title, price) in enumerate(o["items"]):
            first = n == 0
            w.writerow([f"#{1001 + o['i']}", o["email"] if first else "",
                        ("voided" if cancelled else "paid") if first else "",
                        created if first else "", ("fulfilled" if fulfilled else "unfulfilled") if first else "",
                        fulfilled if first else "", ("yes" if o["accepts"] else "no") if first else "",
                        "JPY" if first else "", o["total"] if first else "", "" , "", o["total"] if first else "",
                        "", created if first else "", 1, title, price, sku,
                        o["name"] if first else "", o["address"][1] if first else "",
                        "'" + o["address"][0] if first else "", "'" + o["phone"] if first else "",
                        cancelled if first else "", 5000000000 + o["i"]])
    write("orders-shopify.csv", out.getvalue())


def base(rng):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["注文ID", "注文日時", "氏名", "メールアドレス", "郵便番号", "住所", "電話番号",
                "合計金額", "発送状況", "発送日時", "配送業者", "追跡番号", "メールマガジン"])
    for o in orders(rng, 80):
        sent = o["shipped"] is not None
        w.writerow([f"B{20250000 + o['i']}", o["when"].strftime("%Y/%m/%d %H:%M"), o["name"], o["email"],
                    o["address"][0], o["address"][1] + ("①" if o["i"] % 7 == 0 else ""), o["phone"],
                    o["total"], "キャンセル" if o["state"] == "cancelled" else ("発送済み" if sent else "未発送"),
                    o["shipped"].strftime("%Y/%m/%d %H:%M") if sent else "",
                    CARRIERS[o["i"] % 3] if sent else "", f"5{o['i']:011}" if sent else "",
                    1 if o["accepts"] else 0])
    write("orders-base.csv", out.getvalue(), encoding="cp932", newline="\r\n")


# Addresses split the way WooCommerce's Japanese checkout asks for them: postcode, state
# (prefecture), city, address_1 (the street), address_2 (building and room).
WC_ADDRESSES = [("150-0001", "東京都", "渋谷区", "神宮前1-2-3", "コーポ神宮前 201"),
                ("530-0001", "大阪府", "大阪市北区", "梅田2-4-9", ""),
                ("606-8501", "京都府", "京都市左京区", "吉田本町36-1", "吉田荘 3号室"),
                ("060-0001", "北海道", "札幌市中央区", "北1条西2-1", ""),
                ("810-0001", "福岡県", "福岡市中央区", "天神1-8-1", "天神ビル 12F"),
                ("460-0008", "愛知県", "名古屋市中区", "栄3-5-1", "")]
WC_HEADER = ["order_id", "order_number", "order_number_formatted", "date", "status",
             "shipping_total", "shipping_tax_total", "fee_total", "fee_tax_total", "tax_total",
             "discount_total", "order_total", "refunded_total", "order_currency", "payment_method",
             "shipping_method", "customer_id", "billing_first_name", "billing_last_name",
             "billing_company", "billing_email", "billing_phone", "billing_address_1",
             "billing_address_2", "billing_postcode", "billing_city", "billing_state",
             "billing_country", "shipping_first_name", "shipping_last_name", "shipping_address_1",
             "shipping_address_2", "shipping_postcode", "shipping_city", "shipping_state",
             "shipping_country", "shipping_company", "customer_note", "line_items",
             "shipping_items", "fee_items", "tax_items", "coupon_items", "refunds", "order_notes",
             "download_permissions_granted"]


def woocommerce(rng):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(WC_HEADER)
    for o in orders(rng, 50):
        i = o["i"]
        status = {"cancelled": "cancelled", "pending": "on-hold" if i % 2 else "pending"}.get(
            o["state"], "completed" if o["shipped"] else "processing")
        if i % 17 == 5:
            status = "refunded"
        elif i % 19 == 7:
            status = "failed"
        elif i >= 46:
            status = "on-hold" if i == 46 else "processing"  # the newest: not shipped yet
        last, first = o["name"].split(" ")
        postcode, state, city, street, building = WC_ADDRESSES[o["k"] % len(WC_ADDRESSES)]
        # Every ninth order is a download: no shipping address, only the billing one.
        ship = i % 9 != 4
        shipping = 0 if len(o["items"]) > 1 else 600
        lines = ";".join(
            f"id:{9000 + 10 * i + n}|name:{title}|product_id:{100 + PRODUCTS.index(p)}|sku:{sku}"
            f"|quantity:1|subtotal:{price}.00|subtotal_tax:0.00|total:{price}.00|total_tax:0.00"
            f"|refunded:0.00|refunded_qty:0|meta:"
            for n, p in enumerate(o["items"]) for sku, title, price in [p])
        total = f"{o['total']}.00"
        w.writerow([2001 + i, "", "", o["when"].strftime("%Y-%m-%d %H:%M:%S"), status,
                    shipping, "0.00", "0.00", "0.00", "0.00", "0.00", total,
                    total if status == "refunded" else "0.00", "JPY", "bacs",
                    "" if not ship else "Flat rate", 0 if o["k"] % 4 == 0 else 10 + o["k"],
                    first, last, "", o["email"], o["phone"], street, building, postcode, city, state,
                    "JP", first if ship else "", last if ship else "", street if ship else "",
                    building if ship else "", postcode if ship else "", city if ship else "",
                    state if ship else "", "JP" if ship else "", "", "", lines,
                    f"id:{9500 + i}|method_id:flat_rate|method_title:Flat rate|total:{shipping}.00"
                    if ship else "", "", "", "", "", "", 1 if status in ("processing", "completed")
                    else 0])
    write("orders-woocommerce.csv", out.getvalue())


# EC-CUBE 4's 受注CSV: the default columns of csv_type 3 in dtb_csv.csv, in their sort_no order.
# "送料" is there twice: the order's total delivery fee and the shipping's.
EC_HEADER = ["注文ID", "注文番号", "会員ID", "お名前(姓)", "お名前(名)", "お名前(セイ)", "お名前(メイ)",
             "会社名", "郵便番号", "都道府県(ID)", "都道府県(名称)", "住所1", "住所2", "メールアドレス",
             "TEL", "性別(ID)", "性別(名称)", "職業(ID)", "職業(名称)", "誕生日", "ショップ用メモ欄",
             "小計", "値引き", "送料", "税金", "合計", "支払合計", "対応状況(ID)", "対応状況(名称)",
             "支払方法(ID)", "支払方法(名称)", "受注日", "入金日", "注文詳細ID", "商品ID", "商品規格ID",
             "商品名", "商品コード", "規格名1", "規格名2", "規格分類名1", "規格分類名2", "価格", "個数",
             "税率", "税率ルール(ID)", "明細区分(ID)", "明細区分(名称)", "出荷ID", "配送先_お名前(姓)",
             "配送先_お名前(名)", "配送先_お名前(セイ)", "配送先_お名前(メイ)", "配送先_会社名",
             "配送先_郵便番号", "配送先_都道府県(ID)", "配送先_都道府県(名称)", "配送先_住所1",
             "配送先_住所2", "配送先_TEL", "配送業者(ID)", "配送業者(名称)", "お届け時間ID",
             "お届け時間(名称)", "お届け希望日", "送料", "発送日", "出荷伝票番号", "配達用メモ",
             "出荷メール送信日"]
# (postal code, prefecture id, prefecture, addr01, addr02) as EC-CUBE's form keeps them.
EC_ADDRESSES = [("1500001", 13, "東京都", "渋谷区", "神宮前1-2-3 コーポ神宮前201"),
                ("5300001", 27, "大阪府", "大阪市北区", "梅田2-4-9"),
                ("6068501", 26, "京都府", "京都市左京区", "吉田本町36-1"),
                ("0600001", 1, "北海道", "札幌市中央区", "北1条西2-1"),
                ("8100001", 40, "福岡県", "福岡市中央区", "天神1-8-1 天神ビル12F"),
                ("4600008", 23, "愛知県", "名古屋市中区", "栄3-5-1")]
EC_STATUSES = {1: "新規受付", 3: "注文取消し", 4: "対応中", 5: "発送済み", 6: "入金済み", 9: "返品"}


def php_csv_row(fields):
    """One line as PHP's fputcsv writes it: a field is quoted when it holds the separator,
    a quote, a backslash, a space, a tab or a line break; an empty field stays empty."""
    out = []
    for f in fields:
        f = "" if f is None else str(f)
        if any(c in f for c in ',"\\ \t\r\n'):
            f = '"' + f.replace('"', '""') + '"'
        out.append(f)
    return ",".join(out) + "\n"


def eccube(rng):
    lines = [php_csv_row(EC_HEADER)]
    item_id = 500
    for o in orders(rng, 40):
        i = o["i"]
        status = 5 if o["shipped"] else (3 if o["state"] == "cancelled" else 1)
        if i >= 37:
            status = 1  # the newest: just in, not paid or sent yet
        elif i % 13 == 6 and o["shipped"]:
            status = 9  # returned after it was shipped
        elif i % 11 == 3 and status == 5:
            status = 6 if i % 2 else 4  # paid, or being packed, not sent yet
        sent = status in (5, 9)
        last, first = o["name"].split(" ")
        postal, pref_id, pref, addr1, addr2 = EC_ADDRESSES[o["k"] % len(EC_ADDRESSES)]
        member = "" if o["k"] % 5 == 0 else 100 + o["k"]  # a guest has no 会員ID
        # Every seventh order is a gift: shipped to someone else's address.
        gift = i % 7 == 2
        ship = EC_ADDRESSES[(o["k"] + 3) % len(EC_ADDRESSES)] if gift else (postal, pref_id, pref, addr1, addr2)
        ship_last, ship_first = ("森", "千尋") if gift else (last, first)
        cod = i % 6 == 1  # cash on delivery: a 手数料 item of 330 yen, with no shipping
        fee = 0 if len(o["items"]) > 1 else 600
        charge = 330 if cod else 0
        total = o["total"] + charge
        # A product's 価格 is before tax (tea 8%, the rest 10%); 送料 and 手数料 include it.
        rates = [8 if p[0].startswith("TEA") else 10 for p in o["items"]]
        net = [int(p[2]) * 100 // (100 + r) for p, r in zip(o["items"], rates)]
        subtotal = sum(int(p[2]) for p in o["items"])
        tax = subtotal - sum(net) + round(fee * 10 / 110) + round(charge * 10 / 110)
        ordered = o["when"].strftime("%Y-%m-%d %H:%M:%S")
        paid = (o["when"] + dt.timedelta(minutes=3)).strftime("%Y-%m-%d %H:%M:%S") \
            if status in (4, 5, 6, 9) and not cod else ""
        shipped = o["shipped"].strftime("%Y-%m-%d %H:%M:%S") if sent else ""
        order = [1000 + i, 1000 + i, member, last, first, "", "", "", postal, pref_id, pref, addr1,
                 addr2, o["email"], o["phone"].replace("-", ""), "", "", "", "", "", "",
                 f"{subtotal}.00", "0.00", f"{fee}.00", f"{tax}.00", f"{total}.00", f"{total}.00",
                 status, EC_STATUSES[status], 4 if cod else 3, "代金引換" if cod else "クレジットカード",
                 ordered, paid]
        shipping = [700 + i, ship_last, ship_first, "", "", "", ship[0], ship[1], ship[2], ship[3],
                    ship[4], o["phone"].replace("-", ""), 1 + i % 2, CARRIERS[i % 2],
                    "", "", "", f"{fee}.00", shipped, f"5{i:011}" if sent else "", "",
                    shipped]
        items = [(p[1], p[0], n, r, 1, "商品", True) for p, n, r in zip(o["items"], net, rates)]
        items.append(("送料", "", fee, 10, 2, "送料", True))
        if cod:
            items.append(("代引手数料", "", charge, 10, 3, "手数料", False))
        for name, code, price, rate, kind, kind_name, shipped_item in items:
            item_id += 1
            product = kind == 1
            pid = 10 + [p[1] for p in PRODUCTS].index(name) if product else ""
            row = order + [item_id, pid, pid + 100 if product else "", name, code, "", "", "", "",
                           f"{price}.00", 1, rate, 1 if product else "", kind,
                           kind_name]
            row += shipping if shipped_item else [""] * len(shipping)
            lines.append(php_csv_row(row))
    write("orders-eccube.csv", "".join(lines), encoding="cp932")


def line_items(rng):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["Invoice", "Customer", "Date", "Item", "Description", "Qty", "Price", "Country"])
    rows = []
    for o in orders(rng, 40):
        for sku, title, price in o["items"]:
            qty = 1 + rng.randrange(3)
            invoice = ("C" if o["state"] == "cancelled" else "") + f"{70001 + o['i']}"
            rows.append([invoice, f"{2000 + o['k']}", o["when"].strftime("%d/%m/%Y %H:%M"), sku, title,
                         -qty if invoice.startswith("C") else qty, f"{int(price) / 100:.2f}", "Japan"])
    rows.append(["70100", "2001", "01/03/2025 10:00", "BANK", "Bank charges", 1, "0.001", "Japan"])
    w.writerows(rows)
    write("line-items.csv", out.getvalue())


def main():
    generic(random.Random(1))
    shopify(random.Random(2))
    base(random.Random(3))
    line_items(random.Random(4))
    woocommerce(random.Random(5))
    eccube(random.Random(6))


if __name__ == "__main__":
    main()
