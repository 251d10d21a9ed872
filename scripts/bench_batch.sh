#!/usr/bin/env bash
# Batch benchmark: builds corpora of SMALL and LARGE reports (generated
# variations of samples/*.md: department renamed, project names and prose
# figures varied; 1 in 10 a copy of a real or rendered report PDF from
# samples/pdf; 1 in 100 a corrupt PDF), runs `juesuan extract --jsonl` at
# --jobs 1 and --jobs 2 on each, and prints reports/s, pages/s, the speed-up
# and peak RSS (from /usr/bin/time -v), plus the RSS ratio LARGE/SMALL (memory
# must stay flat as the corpus grows).
#
# Usage: scripts/bench_batch.sh [SMALL] [LARGE]      (default 200 2000)
# Env:   JUESUAN_BIN=path  use this binary instead of building target/release
#        KEEP=1            keep the corpus folder
#        REPEAT=N          runs per measurement (default 3): the fastest time
#                          and the largest peak RSS are reported, which
#                          tames the noise of a shared machine
set -euo pipefail

SMALL=${1:-200}
LARGE=${2:-2000}
REPEAT=${REPEAT:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)

if [[ ! -x /usr/bin/time ]]; then
  echo "bench: /usr/bin/time missing; install it (apt-get install -y time)" >&2
  exit 2
fi
if [[ -z "${JUESUAN_BIN:-}" ]]; then
  (cd "$ROOT" && cargo build --release --quiet)
  JUESUAN_BIN="$ROOT/target/release/juesuan"
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/juesuan-bench.XXXXXX")
if [[ -z "${KEEP:-}" ]]; then trap 'rm -rf "$WORK"' EXIT; fi

# Builds a corpus of N files under $WORK/corpus-N (100 per folder).
make_corpus() {
  python3 - "$ROOT" "$WORK/corpus-$1" "$1" <<'PY'
import glob, os, random, sys
root, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
samples = [open(p, encoding="utf-8").read() for p in sorted(glob.glob(os.path.join(root, "samples", "*.md")))
           if not p.endswith(".expected.md")]
# the real and rendered report PDFs, so that the corpus has pages to count
pdfs = [open(p, "rb").read() for p in sorted(glob.glob(os.path.join(root, "samples", "pdf", "*.pdf")))
        if os.path.getsize(p) > 100_000]
places = ["怀仁市", "大同市", "朔州市", "应县", "山阴县", "右玉县", "平鲁区", "朔城区", "阳高县", "天镇县"]
bureaus = ["工业和信息化局", "商务局", "教育局", "民政局", "财政局", "农业农村局", "水务局", "文化和旅游局"]
rng = random.Random(42)
for i in range(n):
    folder = os.path.join(out, f"batch{i // 100:03d}")
    os.makedirs(folder, exist_ok=True)
    if i % 10 == 5 and pdfs:
        with open(os.path.join(folder, f"r{i:05d}.pdf"), "wb") as f:
            f.write(pdfs[(i // 10) % len(pdfs)])
        continue
    if i % 100 == 99:
        with open(os.path.join(folder, f"r{i:05d}.pdf"), "wb") as f:
            f.write(b"%PDF-1.4 corrupt " + bytes(rng.randrange(256) for _ in range(512)))
        continue
    text = samples[i % len(samples)]
    dept = f"{places[i % len(places)]}{bureaus[(i // len(places)) % len(bureaus)]}{i:05d}"
    text = text.replace("怀仁市工业和信息化局", dept)
    # vary the prose (not the tables) so that files differ in more than a name
    text = text.replace("其他重要事项情况说明", f"其他重要事项情况说明(第{rng.randrange(1, 9)}稿)", 1)
    with open(os.path.join(folder, f"r{i:05d}.md"), "w", encoding="utf-8") as f:
        f.write(text)
PY
}

calc() { awk "BEGIN { printf \"%.6f\", $1 }"; }

# run N JOBS → prints "seconds rss_kb records pages cpu_seconds cpu_percent"
run_once() {
  local n=$1 jobs=$2
  local log="$WORK/time-$n-$jobs.log"
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -v "$JUESUAN_BIN" extract "$WORK/corpus-$n" --jsonl --jobs "$jobs" --quiet \
    > "$WORK/out-$n-$jobs.jsonl" 2> "$log" || true   # exit 2: the corrupt PDFs
  t1=$(date +%s.%N)
  local rss records pages
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
  records=$(wc -l < "$WORK/out-$n-$jobs.jsonl")
  pages=$(python3 -c 'import json,sys; print(sum((json.loads(l)["source"].get("pages") or 0) for l in open(sys.argv[1])))' "$WORK/out-$n-$jobs.jsonl")
  local cpu pct
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$log")
  pct=$(awk -F': ' '/Percent of CPU/ {sub("%", "", $2); print $2}' "$log")
  echo "$(calc "$t1 - $t0") $rss $records $pages $cpu $pct"
}

echo "bench: binary $JUESUAN_BIN, $(nproc) cores, corpora $SMALL and $LARGE files"
echo "best of $REPEAT runs each"
printf '%-8s %-5s %9s %11s %10s %12s %8s %6s\n' files jobs seconds reports/s pages/s "peak RSS MB" "cpu s" "%cpu"
declare -A SECS RSS
for n in "$SMALL" "$LARGE"; do
  make_corpus "$n"
  for jobs in 1 2; do
    secs=""; rss=0
    for _ in $(seq "$REPEAT"); do
      read -r s r records pages c p < <(run_once "$n" "$jobs")
      if [[ -z "$secs" ]] || awk "BEGIN { exit !($s < $secs) }"; then secs=$s; cpu=$c; pct=$p; fi
      if (( r > rss )); then rss=$r; fi
    done
    SECS[$n-$jobs]=$secs
    RSS[$n-$jobs]=$rss
    rate=$(calc "$records / $secs")
    if [[ "$pages" -gt 0 ]]; then prate=$(printf '%.1f' "$(calc "$pages / $secs")"); else prate="n/a"; fi
    printf '%-8s %-5s %9.2f %11.1f %10s %12.1f %8s %6s\n' "$records" "$jobs" "$secs" "$rate" "$prate" "$(calc "$rss / 1024")" "$cpu" "$pct"
  done
  if ! cmp -s "$WORK/out-$n-1.jsonl" "$WORK/out-$n-2.jsonl"; then
    echo "bench: FAIL: --jobs 1 and --jobs 2 outputs differ for $n files" >&2
    exit 1
  fi
done
echo "pages/s: n/a when the corpus has no readable PDF (text input has no pages)"
for n in "$SMALL" "$LARGE"; do
  printf 'speed-up at %s files, jobs 2 vs 1: %.2fx (target >= 1.8x on 2 cores)\n' "$n" "$(calc "${SECS[$n-1]} / ${SECS[$n-2]}")"
done
for jobs in 1 2; do
  printf 'peak RSS %s→%s files at --jobs %s: %.1f MB → %.1f MB (ratio %.2f; flat ≈ 1)\n' "$SMALL" "$LARGE" "$jobs" \
    "$(calc "${RSS[$SMALL-$jobs]} / 1024")" "$(calc "${RSS[$LARGE-$jobs]} / 1024")" \
    "$(calc "${RSS[$LARGE-$jobs]} / ${RSS[$SMALL-$jobs]}")"
done
echo "jsonl identical between --jobs 1 and --jobs 2: yes"
echo "(cpu s = user+sys seconds; %cpu = share of the cores the run got: on a machine"
echo " shared with other work, jobs 2 cannot beat jobs 1 by more than %cpu(2)/%cpu(1))"
echo "load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
