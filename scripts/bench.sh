#!/usr/bin/env bash
# Times whole `iso20k` processes: the examples with the built-in catalogue, then synthetic
# catalogues of 1,000 / 10,000 / 50,000 requirements with every requirement answered.
# Prints a Markdown table of wall time (mean ± σ over several runs) and peak memory (max RSS),
# and the time per 1,000 requirements, which stays flat when growth is linear.
#
#   scripts/bench.sh              # the full set
#   RUNS=5 scripts/bench.sh       # fewer runs per command
#   ONLY=readers scripts/bench.sh # only the reader cases (hostile and large inputs)
#   ONLY=formats scripts/bench.sh # only every output format at 20,000 and 50,000 requirements
#
# The reader cases validate inputs built to find non-linear reading: a 2 MiB one-line flow
# list, 250 errors on one 8 MiB line, and inputs near the 64 MiB size limit. Each row gives
# the input's size, the throughput and peak memory as a multiple of the input's size.
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

only=${ONLY:-all}
if [ "$only" = all ] || [ "$only" = formats ]; then
  for n in 1000 10000 20000 50000; do
    [ -f "$out/catalogue-$n.yaml" ] || "$gen" "$n" "$out" >&2
  done
fi

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

# One output format at a size, with its time and peak memory as multiples of `--format json`
# on the same input in the same run (set by the json row, which comes first).
format_row() {
  local format=$1 n=$2
  local args=(--catalogue "$out/catalogue-$n.yaml" assess "$out/answers-$n.yaml" --as-of 2026-11-20 --limit 0 --format "$format" -o "$out/out.$format")
  local timing mean sd mem
  timing=$(wall_ms "$bin" "${args[@]}")
  mean=${timing%|*}
  sd=${timing#*|}
  mem=$(peak_mb "$bin" "${args[@]}")
  if [ "$format" = json ]; then
    json_ms=$mean
    json_mb=$mem
  fi
  printf '| `%s` | %s | %s ± %s | %s | %s | %s |\n' "$format" "$n" "$mean" "$sd" "$mem" \
    "$(awk -v a="$mean" -v b="$json_ms" 'BEGIN { printf "%.2f", a / b }')" \
    "$(awk -v a="$mem" -v b="$json_mb" 'BEGIN { printf "%.2f", a / b }')"
}

formats() {
  echo
  echo "| format | requirements | wall ms (mean ± σ) | peak RSS MB | time / json | memory / json |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: |"
  for n in 20000 50000; do
    for format in json table csv markdown html xlsx junit sarif github oscal; do
      format_row "$format" "$n"
    done
  done
}

# Inputs for the reader cases, written once: see the comment at the top.
reader_inputs() {
  python3 - "$out" <<'PY'
import os, sys
out = sys.argv[1]
head = "assessment:\n  organization: Bench\nanswers:\n"
def write(name, text):
    path = os.path.join(out, name)
    if not os.path.exists(path):
        with open(path, "w") as f:
            f.write(text)
# a 2 MiB one-line flow list of evidence
items = ", ".join("record %d" % i for i in range(200_000))[: 2 * 1024 * 1024]
items = items[: items.rfind(",")]
write("one-line-list.yaml", head + '  "4.1-1":\n    status: partial\n    evidence: [' + items + "]\n")
# 250 unknown ids, each with 32 KiB of notes, on one 8 MiB line
pad = "n" * 33_000
entries = ", ".join('"99.%d": {status: partial, notes: "%s"}' % (i, pad) for i in range(1, 251))
write("errors-one-line.yaml", "assessment: {organization: Bench}\nanswers: {" + entries + "}\n")
# near the 64 MiB limit: answers with long notes, a one-line list of tiny values (refused
# by the values-per-byte limit), and one long note
note = "the process owner showed the records; two samples were incomplete and one was late " * 3
block = "".join('  "4.1-%d":\n    status: partial\n    notes: %d %s\n    evidence: [register extract %d, minutes of May]\n' % (i, i, note, i) for i in range(1, 180_000))
block = block[: 60 * 1024 * 1024 - 4096]
write("large-block.yaml", head + block[: block.rfind('\n  "') + 1])
write("large-tiny-values.yaml", head + '  "4.1-1":\n    status: partial\n    evidence: [' + "x," * (30 * 1024 * 1024) + "x]\n")
write("large-note.yaml", head + '  "4.1-1":\n    status: partial\n    notes: ' + "w" * (60 * 1024 * 1024) + "\n")
PY
}

# one reader case: `validate`, with time, throughput and memory against the input's size
# (the sum of the files named); the arguments after the files are iso20k's
reader_row() {
  local label=$1 files=$2 status=0
  shift 2
  "$bin" "$@" --color never >/dev/null 2>"$out/stderr" || status=$?
  local timing mean sd mem bytes
  timing=$(wall_ms "$bin" "$@" --color never)
  mean=${timing%|*}
  sd=${timing#*|}
  mem=$(peak_mb "$bin" "$@" --color never)
  # CPU time (user + system) of one run: on a shared machine wall time also counts waiting
  /usr/bin/time -o "$out/time" -f '%U %S' "$bin" "$@" --color never >/dev/null 2>&1 || true
  # shellcheck disable=SC2086 # a list of files
  bytes=$(cat $files | wc -c)
  awk -v label="$label" -v bytes="$bytes" -v ms="$mean" -v sd="$sd" -v mem="$mem" -v st="$status" \
    -v cpu="$(tail -n 1 "$out/time")" -v first="$(grep -m1 -E '^error' "$out/stderr" | cut -c1-70)" 'BEGIN {
      mb = bytes / 1048576
      split(cpu, c, " "); cpu_s = c[1] + c[2]; if (cpu_s < 0.01) cpu_s = 0.01
      printf "| %s | %.1f | %s ± %s | %.0f | %.2f | %.0f | %s | %.1f | %s | %s |\n", label, mb, ms, sd, mb / (ms / 1000), cpu_s, mb / cpu_s, mem, mem / mb, st, first
    }'
}

if [ "$only" = readers ] || [ "$only" = all ]; then
  reader_inputs
  echo
  echo "| reader case | input MB | wall ms (mean ± σ) | MB/s (wall) | CPU s | MB/s (CPU) | peak RSS MB | RSS / input | exit | first error |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
  reader_row "2 MiB one-line flow list" "$out/one-line-list.yaml" validate "$out/one-line-list.yaml"
  reader_row "250 errors on one 8 MiB line" "$out/errors-one-line.yaml" validate "$out/errors-one-line.yaml"
  [ -f "$out/catalogue-50000.yaml" ] || "$gen" 50000 "$out" >&2
  reader_row "50,000-requirement catalogue and answers" "$out/catalogue-50000.yaml $out/answers-50000.yaml" \
    --catalogue "$out/catalogue-50000.yaml" validate "$out/answers-50000.yaml"
  reader_row "60 MiB of answers with long notes" "$out/large-block.yaml" validate "$out/large-block.yaml"
  reader_row "60 MiB one-line list of tiny values" "$out/large-tiny-values.yaml" validate "$out/large-tiny-values.yaml"
  reader_row "60 MiB single note" "$out/large-note.yaml" validate "$out/large-note.yaml"
  [ "$only" = readers ] && exit 0
fi

if [ "$only" = formats ]; then
  formats
  exit 0
fi

echo
echo "| run | requirements | wall ms (mean ± σ) | peak RSS MB | ms per 1,000 req. |"
echo "| --- | ---: | ---: | ---: | ---: |"
row "\`iso20k --version\` (start-up only)" 224 "$bin" --version
for example in examples/msp-halfway.yaml examples/first-day.yaml examples/near-stage-2.toml; do
  row "\`assess $example\`" 224 "$bin" assess "$example" --as-of 2026-11-20
done
row "\`plan examples/msp-halfway.yaml\`" 224 "$bin" plan examples/msp-halfway.yaml --as-of 2026-11-20
for n in 1000 10000 50000; do
  row "\`assess\`, synthetic, full answers" "$n" "$bin" --catalogue "$out/catalogue-$n.yaml" assess "$out/answers-$n.yaml" --as-of 2026-11-20
done
for n in 1000 10000 50000; do
  row "\`plan\`, synthetic, full answers" "$n" "$bin" --catalogue "$out/catalogue-$n.yaml" plan "$out/answers-$n.yaml" --as-of 2026-11-20
done
# owners in parallel, a booked stage 2 out of reach: the capacity search replans about ten times
row "\`plan --format json --stage2-audit\` (capacity search), synthetic" 50000 "$bin" --catalogue "$out/catalogue-50000.yaml" plan "$out/answers-50000.yaml" --as-of 2026-11-20 --format json --stage2-audit 2033-01-03

formats

# History: `trend` over 500 commits that each changed the answers file (written with git
# fast-import, so building the repository takes a second, not minutes).
if command -v git >/dev/null 2>&1; then
  if [ ! -d "$out/history/.git" ]; then
    rm -rf "$out/history"
    git init -q -b main "$out/history"
    python3 scripts/gen_history.py examples/msp-halfway.yaml 500 | git -C "$out/history" fast-import --quiet
    git -C "$out/history" checkout -q main
  fi
  echo
  echo "| run | commits | wall ms (mean ± σ) | peak RSS MB | ms per 1,000 commits |"
  echo "| --- | ---: | ---: | ---: | ---: |"
  row "\`trend\`, 500 commits of msp-halfway.yaml" 500 "$bin" trend "$out/history/answers.yaml" --format json
  # diff reads revisions of the repository around the working directory: run it inside.
  row "\`diff HEAD~499:answers.yaml HEAD:answers.yaml\`" 500 env -C "$out/history" "$PWD/$bin" diff HEAD~499:answers.yaml HEAD:answers.yaml --format json
fi

echo
ls -l "$out"/catalogue-*.yaml "$out"/answers-*.yaml | awk '{ printf "%s: %.1f MB\n", $NF, $5 / 1048576 }'
