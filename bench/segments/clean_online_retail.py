#!/usr/bin/python3
"""Writes the Online Retail rows that the common cleaning keeps, for `tsuikyaku import`.

    bench/segments/clean_online_retail.py online-retail.csv > cleaned.csv

../shared/data/README.md's cleaning drops exact duplicate rows, cancellations, quantity
<= 0, price <= 0 and rows without a customer. Two of these the import does by itself
with examples/mappings/online-retail.yaml: rows without a CustomerID are rejected and C
invoices are stored as cancelled orders, which count nowhere. So they stay in the file,
and the import's own handling of them is what is checked. The rest the import must not
do to a shop's export (SPEC §3: every row of an order is one of its lines) and is done
here: exact duplicate rows, lines priced at zero or less, and lines of quantity zero or
less outside a cancellation. Plain csv, no pandas, so that it shares no code with
verify_pandas.py. Prints the counts it dropped on stderr.
"""
import csv
import sys
from decimal import Decimal


def main() -> int:
    with open(sys.argv[1], newline="", encoding="utf-8") as file:
        rows = csv.reader(file)
        header = next(rows)
        invoice, quantity, price = (header.index(n) for n in ("InvoiceNo", "Quantity", "UnitPrice"))
        out = csv.writer(sys.stdout, lineterminator="\n")
        out.writerow(header)
        seen = set()
        dropped = {"duplicate": 0, "price <= 0": 0, "quantity <= 0": 0}
        for row in rows:
            key = tuple(row)
            if key in seen:
                dropped["duplicate"] += 1
                continue
            seen.add(key)
            if Decimal(row[price]) <= 0:
                dropped["price <= 0"] += 1
            elif int(row[quantity]) <= 0 and not row[invoice].startswith("C"):
                dropped["quantity <= 0"] += 1
            else:
                out.writerow(row)
    print("clean_online_retail.py: dropped " +
          ", ".join(f"{count:,} {what}" for what, count in dropped.items()), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
