#!/usr/bin/env bash
# Linear time and memory in the size of a table: the bundled sample with its
# 支出决算表 grown to BASE, 10×BASE and 100×BASE 项 rows (distinct codes under
# distinct 款, each 款 printed with its 项, as a long real table prints them).
# Runs `juesuan extract` on each (best of 3 wall-clock seconds, peak RSS from
# the last run) and prints the ratios against 1×: linear means about 10 and
# 100 once start-up is small beside the work.
# Usage: scripts/bench_rows.sh [BASE]   (default 2000; needs a release build
# and /usr/bin/time, Debian package `time`)
set -euo pipefail
cd "$(dirname "$0")/.."
exe=target/release/juesuan
base=${1:-2000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gen() { # $1 = number of 项 rows
  python3 - "$1" <<'PY'
import sys
n = int(sys.argv[1])
t = open("samples/huairen-gongxin-2024.md", encoding="utf-8").read()
start = t.index("## 支出决算表")
i = t.index("2299999\t", start)
j = t.index("\n", i) + 1
out, k = [], 0
for lei in range(230, 1000):
    for kuan in range(1, 100):
        out.append(f"{lei}{kuan:02d}\t款{lei}{kuan:02d}\t99.00\t99.00\t\t\t\t\n")
        for xiang in range(1, 100):
            out.append(f"{lei}{kuan:02d}{xiang:02d}\t项目{k}\t1.00\t1.00\t\t\t\t\n")
            k += 1
            if k >= n:
                break
        if k >= n:
            break
    if k >= n:
        break
sys.stdout.write(t[:j] + "".join(out) + t[j:])
PY
}
for k in 1 10 100; do gen $((base * k)) > "$tmp/r$k.md"; done
run() { # prints "seconds peak_kb" for one input: best of 3 times, last RSS
  local best=999 rss=0
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$tmp/t" "$exe" extract "$1" > /dev/null
    read -r s m < "$tmp/t"
    best=$(python3 -c "print(min($best, $s))")
    rss=$m
  done
  echo "$best $rss"
}
echo "rows      bytes       seconds  peak_MB  time_ratio  rss_ratio"
read -r t1 m1 <<< "$(run "$tmp/r1.md")"
for k in 1 10 100; do
  read -r t m <<< "$(run "$tmp/r$k.md")"
  bytes=$(wc -c < "$tmp/r$k.md")
  python3 -c "print(f'{$base * $k:>7}  {$bytes:>10}  {$t:>8.2f}  {$m / 1024:>7.1f}  {max($t, 0.01) / max($t1, 0.01):>10.1f}  {$m / $m1:>9.1f}')"
done
