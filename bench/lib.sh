# Shared by the bench/ scripts (source it; docs/benchmarks.md): a Release build, throwaway
# workspaces, the UCI Online Retail file and the million-order database, and timing.
# Everything is made under build-release/, never in the source tree.

# The Release build of the benchmarks (no tests); prints the binary's path. With
# TSUIKYAKU_BENCH_BINARY set, that binary instead (a build made already, such as build/'s).
bench_build_release() {
  if [[ -n "${TSUIKYAKU_BENCH_BINARY:-}" ]]; then
    realpath "$TSUIKYAKU_BENCH_BINARY"
    return
  fi
  scripts/build --release >/dev/null
  echo "$PWD/build-release/tsuikyaku"
}

# bench_workspace DIR TIMEZONE CURRENCY [SEGMENTS_FILE]: a fresh workspace in DIR whose
# config has the shop's time zone and currency, and the segment rules of SEGMENTS_FILE
# (copied in) when given.
bench_workspace() {
  local dir=$1 zone=$2 currency=$3 segments=${4:-}
  rm -rf "$dir"
  mkdir -p "$dir"
  printf 'shop:\n  name: Bench\n  from: "Bench <b@bench.example>"\n  timezone: %s\n  currency: %s\n' \
    "$zone" "$currency" >"$dir/tsuikyaku.yaml"
  if [[ -n "$segments" ]]; then
    mkdir -p "$dir/segments"
    cp "$segments" "$dir/segments/"
    printf 'segments: segments/%s\n' "$(basename "$segments")" >>"$dir/tsuikyaku.yaml"
  fi
}

# bench_online_retail DIR: unpacks the UCI Online Retail file into DIR (once) and prints
# the CSV's path. The data is in ../shared/data beside the repository, or in
# $TSUIKYAKU_SHARED_DATA (as for the tests).
bench_online_retail() {
  local csv="$1/online-retail.csv"
  local data="${TSUIKYAKU_SHARED_DATA:-$PWD/../shared/data}"
  mkdir -p "$1"
  if [[ ! -s "$csv" ]]; then
    xz -dkc "$data/online-retail/online-retail-uci-concat.csv.xz" >"$csv.part"
    mv "$csv.part" "$csv"
  fi
  echo "$csv"
}

# bench_million BIN DIR: DIR becomes a workspace (Asia/Tokyo, JPY, default segments) with
# DIR/orders.csv, bench/import/generate.py's 1,000,000 orders from up to 300,000
# customers, imported by BIN into DIR/tsuikyaku.db. Made once and reused while the
# generator and the code that writes the database (src/import, src/store) are unchanged,
# since generating and importing take minutes.
bench_million() {
  local bin=$1 dir=$2
  local stamp
  stamp="$(cat bench/import/generate.py src/import/* src/store/* | sha256sum | cut -c1-16)"
  if [[ -f "$dir/stamp" && "$(cat "$dir/stamp")" == "$stamp" ]]; then return; fi
  bench_workspace "$dir" Asia/Tokyo JPY
  /usr/bin/python3 bench/import/generate.py 1000000 300000 >"$dir/orders.csv"
  (cd "$dir" && "$bin" import orders.csv -q)
  echo "$stamp" >"$dir/stamp"
}

# bench_measure DIR COMMAND…: runs COMMAND in DIR with its output discarded and prints
# "wall_s cpu_s peak_kb" (CPU = user + sys, peak = maximum resident set size).
bench_measure() {
  local dir=$1
  shift
  (cd "$dir" && /usr/bin/time -f "%e %U %S %M" -o "$dir/.time" "$@" >/dev/null 2>&1) || true
  awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$dir/.time"
}

# bench_medians FILE: the median of each column of FILE's numbers, on one line.
bench_medians() {
  local columns column
  columns=$(head -1 "$1" | wc -w)
  for ((column = 1; column <= columns; column++)); do
    cut -d' ' -f"$column" "$1" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
  done | paste -sd' '
}

# One line naming the machine and how loaded it is, for the summaries.
bench_machine() {
  local cpu
  cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
  echo "$(nproc) cores of $cpu, $(free -g | awk '/^Mem:/ { print $2 }') GB," \
    "$(. /etc/os-release && echo "$PRETTY_NAME"), SQLite $(sqlite3 --version | cut -d' ' -f1);" \
    "$(uptime | sed 's/.*load/load/')"
}
