#!/usr/bin/env bash
# Linearity check: `juesuan extract` on the bundled sample repeated 1, 10 and 50
# times in one file. Prints seconds and the time ratio against the 1x input
# (linear means the 50x ratio stays near 50 once start-up is small beside it).
# Usage: scripts/bench_scale.sh   (needs a release build)
set -euo pipefail
cd "$(dirname "$0")/.."
exe=target/release/juesuan
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for k in 1 10 50; do
  for _ in $(seq "$k"); do cat samples/huairen-gongxin-2024.md; done > "$tmp/r$k.md"
done
best() { # best of 5 wall-clock seconds for one input
  local b=999
  for _ in 1 2 3 4 5; do
    local s e
    s=$(date +%s.%N); "$exe" extract "$1" > /dev/null; e=$(date +%s.%N)
    b=$(python3 -c "print(min($b, $e - $s))")
  done
  echo "$b"
}
t1=$(best "$tmp/r1.md")
echo "size  seconds  ratio-vs-1x"
for k in 1 10 50; do
  t=$(best "$tmp/r$k.md")
  python3 -c "print(f'{$k:>3}x  {$t:.4f}   {$t / $t1:.1f}')"
done
