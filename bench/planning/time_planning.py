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
import resource
import sqlite3
import statistics
import subprocess
import tempfile
import time


def timed(command, runs):
    """Best and median wall time, and median CPU time (user + system) of the command."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return min(walls), statistics.median(walls), statistics.median(cpus)


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
        baseline = timed(["sqlite3", args.db,
                          "SELECT customer_id, ordered_at, total_minor FROM orders"], args.runs)
        results = {name: timed(base + command + ["--as-of", args.as_of], args.runs)
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
