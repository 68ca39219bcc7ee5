#!/usr/bin/python3
"""Times `tsuikyaku report` on a database, against a bare scan of its orders.

    bench/report/time_report.py DB [--tsuikyaku build-release/tsuikyaku] [--runs 5]
                                   [--as-of "2026-11-14"] [--config tsuikyaku.yaml]

Runs `tsuikyaku report` (text, --json and --html) --runs times each and the baseline,
`sqlite3 DB "SELECT customer_id, ordered_at, total_minor FROM orders"` into /dev/null —
the one scan no report can skip — as often, and prints the best and median wall times,
their CPU time, and the ratio to the baseline, as rows for docs/benchmarks.md. On a
machine shared with other work the CPU time is the steadier figure. Without --config it
makes a throwaway workspace with the English defaults (GBP, Europe/London).
"""
import argparse
import os
import subprocess
import sys
import sqlite3
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from timing import timed  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("--tsuikyaku", default="build-release/tsuikyaku")
    parser.add_argument("--config")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--as-of")
    args = parser.parse_args()

    con = sqlite3.connect(args.db)
    orders = con.execute("SELECT count(*) FROM orders").fetchone()[0]
    customers = con.execute("SELECT count(*) FROM customers").fetchone()[0]
    messages = con.execute("SELECT count(*) FROM messages").fetchone()[0]
    con.close()
    with tempfile.TemporaryDirectory() as work:
        config = args.config
        if not config:
            subprocess.run([args.tsuikyaku, "init", work, "--lang", "en"], check=True,
                           stdout=subprocess.DEVNULL)
            config = os.path.join(work, "tsuikyaku.yaml")
        report = [args.tsuikyaku, "--config", config, "--db", args.db, "report"]
        if args.as_of:
            report += ["--as-of", args.as_of]
        baseline = timed(["sqlite3", args.db,
                          "SELECT customer_id, ordered_at, total_minor FROM orders"], args.runs)
        results = {
            "report": timed(report, args.runs),
            "report --json": timed(report + ["--json"], args.runs),
            "report --html": timed(report + ["--html", os.path.join(work, "r.html")], args.runs),
        }
    print(f"{args.db}: {orders:,} orders, {customers:,} customers, {messages:,} messages; "
          f"{args.runs} runs each; load average {os.getloadavg()[0]:.1f}")
    print("| command | best wall | median wall | median CPU (user+sys) | wall / baseline "
          "| CPU / baseline |")
    print("|---|---|---|---|---|---|")
    print(f"| baseline: sqlite3 scan of orders | {baseline[0]:.2f} s | {baseline[1]:.2f} s "
          f"| {baseline[2]:.2f} s | 1.0 | 1.0 |")
    for name, (best, median, cpu) in results.items():
        print(f"| tsuikyaku {name} | {best:.2f} s | {median:.2f} s | {cpu:.2f} s "
              f"| {median / baseline[1]:.1f} | {cpu / baseline[2]:.1f} |")


if __name__ == "__main__":
    main()
