#!/usr/bin/python3
"""Times planning (`tsuikyaku campaigns`, `plan`, `preview`) on a database, against a bare
scan of its orders.

    bench/planning/time_planning.py DB [--tsuikyaku build-release/tsuikyaku] [--runs 3]
                                       [--as-of "2026-11-18 10:00"]

Runs each command --runs times in a throwaway workspace with the Japanese defaults (the
shipped campaigns, Asia/Tokyo), and the baseline, `sqlite3 DB "SELECT customer_id,
ordered_at, total_minor FROM orders"` into /dev/null, as often; `segments` is timed too,
as the cost of one segmentation. Prints the best and median wall times, the median CPU
time and the ratio to the baseline, as rows for docs/benchmarks.md. Make DB with
bench/planning/make_db.py.
"""
import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from timing import timed  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("--tsuikyaku", default="build-release/tsuikyaku")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--as-of", default="2026-11-18 10:00")
    args = parser.parse_args()

    con = sqlite3.connect(args.db)
    counts = [con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
              for table in ("orders", "customers", "messages")]
    con.close()
    commands = {
        "segments": ["segments"],
        "campaigns": ["campaigns"],
        "plan (14 days)": ["plan"],
        "plan --days 1": ["plan", "--days", "1"],
        "preview thank-you": ["preview", "thank-you"],
        "preview winback": ["preview", "winback"],
    }
    with tempfile.TemporaryDirectory() as work:
        subprocess.run([args.tsuikyaku, "init", work, "--lang", "ja"], check=True,
                       stdout=subprocess.DEVNULL)
        base = [args.tsuikyaku, "--config", os.path.join(work, "tsuikyaku.yaml"), "--db", args.db]
        quiet = subprocess.DEVNULL
        baseline = timed(["sqlite3", args.db,
                          "SELECT customer_id, ordered_at, total_minor FROM orders"], args.runs, quiet)
        results = {name: timed(base + command + ["--as-of", args.as_of], args.runs, quiet)
                   for name, command in commands.items()}
    print(f"{args.db}: {counts[0]:,} orders, {counts[1]:,} customers, {counts[2]:,} messages; "
          f"{args.runs} runs each; load average {os.getloadavg()[0]:.1f}")
    print("| command | best wall | median wall | median CPU (user+sys) | median wall / baseline |")
    print("|---|---|---|---|---|")
    print(f"| baseline: sqlite3 scan of orders | {baseline[0]:.2f} s | {baseline[1]:.2f} s "
          f"| {baseline[2]:.2f} s | 1.0 |")
    for name, (best, median, cpu) in results.items():
        print(f"| tsuikyaku {name} | {best:.2f} s | {median:.2f} s | {cpu:.2f} s "
              f"| {median / baseline[1]:.1f} |")


if __name__ == "__main__":
    main()
