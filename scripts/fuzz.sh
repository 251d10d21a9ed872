#!/usr/bin/env bash
# Runs every cargo-fuzz target in turn for a set time, on seeds from
# samples/ (scripts/fuzz_seeds.py), and prints executions per target.
# A crash, hang (-timeout) or memory blow-up (-rss_limit_mb) stops that
# target and leaves its input under fuzz/artifacts/<target>/; minimise it
# (cargo fuzz tmin <target> <file>) and commit it under tests/regressions/.
#
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET…]   (default 600 s, all)
# Needs: cargo install cargo-fuzz. The toolchain may be stable: the build runs
# with RUSTC_BOOTSTRAP=1 and without a sanitizer (the code is safe Rust; what
# is looked for is panics, hangs and unbounded memory).
# Runs at the lowest priority (nice 19), so it can share a machine.
set -uo pipefail
cd "$(dirname "$0")/.."
secs=${1:-600}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(pdf_file pdf_content pdf_fonts text_ingest pipeline_text)
fi
export RUSTC_BOOTSTRAP=1
python3 scripts/fuzz_seeds.py > /dev/null
mkdir -p fuzz/logs
status=0
printf '%-15s %8s %12s %10s  %s\n' target seconds executions exec/s result
for t in "${targets[@]}"; do
  log="fuzz/logs/$t.log"
  nice -n 19 cargo fuzz run --sanitizer none "$t" "fuzz/corpus/$t" -- \
    -max_total_time="$secs" -timeout=30 -rss_limit_mb=4096 -max_len=1048576 \
    -print_final_stats=1 > "$log" 2>&1
  rc=$?
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  result=ok
  if [ "$rc" -ne 0 ]; then
    result="FAILED (exit $rc; see $log and fuzz/artifacts/$t/)"
    status=1
  fi
  printf '%-15s %8s %12s %10s  %s\n' "$t" "$secs" "${execs:-?}" "${rate:-?}" "$result"
done
exit $status
