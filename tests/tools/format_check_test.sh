#!/usr/bin/env bash
# scripts/format --check refuses a line that clang-format 14 would misread as a module
# declaration, with the reason, and passes the same code written otherwise.
set -euo pipefail
root="$1"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

printf 'namespace a {\nint f() {\n  import::Mapping m;\n  return 0;\n}\n}  // namespace a\n' \
  >"$dir/planted.cpp"
if "$root/scripts/format" --check "$dir/planted.cpp" 2>"$dir/err"; then
  echo "FAIL: scripts/format --check passed a line beginning with import::" >&2
  exit 1
fi
grep -q "planted.cpp:3:  import::Mapping m;" "$dir/err" ||
  { echo "FAIL: the planted line is not named" >&2; cat "$dir/err" >&2; exit 1; }
grep -q "clang-format 14 misreads as a C++20 module declaration" "$dir/err" ||
  { echo "FAIL: the reason is not given" >&2; cat "$dir/err" >&2; exit 1; }

for word in module export; do
  printf '%s::Thing t;\n' "$word" >"$dir/$word.cpp"
  if "$root/scripts/format" --check "$dir/$word.cpp" 2>/dev/null; then
    echo "FAIL: scripts/format --check passed a line beginning with $word::" >&2
    exit 1
  fi
done

printf 'namespace a {\nint f() {\n  ingest::Mapping m;\n  return 0;\n}\n}  // namespace a\n' \
  >"$dir/fine.cpp"
"$root/scripts/format" --check "$dir/fine.cpp"
# The default mode refuses too, and leaves the file as it was.
cp "$dir/planted.cpp" "$dir/before.cpp"
if "$root/scripts/format" "$dir/planted.cpp" 2>/dev/null; then
  echo "FAIL: scripts/format formatted a line beginning with import::" >&2
  exit 1
fi
cmp "$dir/planted.cpp" "$dir/before.cpp"
echo "ok"
