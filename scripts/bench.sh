#!/usr/bin/env bash
# Times whole `iso20k` processes: the examples with the built-in catalogue, then synthetic
# catalogues of 1,000 / 10,000 / 50,000 requirements with every requirement answered.
# Prints a Markdown table of wall time (mean ± σ over several runs) and peak memory (max RSS),
# and the time per 1,000 requirements, which stays flat when growth is linear.
#
#   scripts/bench.sh              # the full set
#   RUNS=5 scripts/bench.sh       # fewer runs per command
#
# Uses hyperfine when installed (https://github.com/sharkdp/hyperfine), else a shell loop;
# peak memory comes from GNU time (/usr/bin/time). The engine alone, stage by stage, is
# benchmarked by `cargo bench --bench engine`.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-20}
out=target/bench
mkdir -p "$out"

echo "== building (release)" >&2
cargo build --release --quiet
cargo build --release --quiet --example gen_catalogue
bin=target/release/iso20k
gen=target/release/examples/gen_catalogue

for n in 1000 10000 50000; do
  [ -f "$out/catalogue-$n.yaml" ] || "$gen" "$n" "$out" >&2
done

# mean and standard deviation of wall time in milliseconds, as "mean|sd"
wall_ms() {
  if command -v hyperfine >/dev/null 2>&1; then
    hyperfine --style none -N --warmup 3 --runs "$runs" -i --export-json "$out/run.json" "$*" >/dev/null 2>&1
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.1f|%.1f" % (r["mean"]*1e3, r["stddev"]*1e3))' "$out/run.json"
  else
    python3 - "$runs" "$@" <<'PY'
import statistics, subprocess, sys, time
runs = int(sys.argv[1]); cmd = sys.argv[2:]
for _ in range(3):
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
times = []
for _ in range(runs):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times.append((time.perf_counter() - t) * 1e3)
print("%.1f|%.1f" % (statistics.mean(times), statistics.stdev(times)))
PY
  fi
}

# peak resident memory in MB (the largest of 3 runs)
peak_mb() {
  local max=0 kb
  for _ in 1 2 3; do
    /usr/bin/time -o "$out/time" -f '%M' "$@" >/dev/null 2>/dev/null || true
    kb=$(tail -n 1 "$out/time")
    if [ "$kb" -gt "$max" ]; then max=$kb; fi
  done
  awk -v kb="$max" 'BEGIN { printf "%.1f", kb / 1024 }'
}

row() {
  local label=$1 requirements=$2
  shift 2
  local status=0
  "$@" >/dev/null 2>"$out/stderr" || status=$?
  if [ "$status" -gt 1 ]; then
    echo "error: $* exited $status:" >&2
    cat "$out/stderr" >&2
    exit 1
  fi
  local timing mean sd mem per
  timing=$(wall_ms "$@")
  mean=${timing%|*}
  sd=${timing#*|}
  mem=$(peak_mb "$@")
  per=$(awk -v ms="$mean" -v n="$requirements" 'BEGIN { printf "%.2f", ms / n * 1000 }')
  printf '| %s | %s | %s ± %s | %s | %s |\n' "$label" "$requirements" "$mean" "$sd" "$mem" "$per"
}

echo
echo "| run | requirements | wall ms (mean ± σ) | peak RSS MB | ms per 1,000 req. |"
echo "| --- | ---: | ---: | ---: | ---: |"
row "\`iso20k --version\` (start-up only)" 223 "$bin" --version
for example in examples/msp-halfway.yaml examples/first-day.yaml examples/near-stage-2.toml; do
  row "\`assess $example\`" 223 "$bin" assess "$example" --as-of 2026-11-20
done
row "\`plan examples/msp-halfway.yaml\`" 223 "$bin" plan examples/msp-halfway.yaml --as-of 2026-11-20
for n in 1000 10000 50000; do
  row "\`assess\`, synthetic, full answers" "$n" "$bin" --catalogue "$out/catalogue-$n.yaml" assess "$out/answers-$n.yaml" --as-of 2026-11-20
done
for n in 1000 10000 50000; do
  row "\`plan\`, synthetic, full answers" "$n" "$bin" --catalogue "$out/catalogue-$n.yaml" plan "$out/answers-$n.yaml" --as-of 2026-11-20
done
# owners in parallel, a booked stage 2 out of reach: the capacity search replans about ten times
row "\`plan --format json --stage2-audit\` (capacity search), synthetic" 50000 "$bin" --catalogue "$out/catalogue-50000.yaml" plan "$out/answers-50000.yaml" --as-of 2026-11-20 --format json --stage2-audit 2033-01-03
echo
ls -l "$out"/catalogue-*.yaml "$out"/answers-*.yaml | awk '{ printf "%s: %.1f MB\n", $NF, $5 / 1048576 }'
