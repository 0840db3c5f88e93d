#!/usr/bin/env bash
# Runs the fuzz targets (fuzz/), each for a while, seeded with the repository's own files.
#
#   scripts/fuzz.sh                      # every target, 10 minutes each, two at a time
#   FUZZ_SECONDS=60 scripts/fuzz.sh policy answers_toml
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). cargo-fuzz passes nightly-only flags to rustc;
# RUSTC_BOOTSTRAP=1 lets the stable toolchain accept them. Crashes land in
# fuzz/artifacts/<target>/; replay one with `cargo fuzz run <target> <file>`, then turn it
# into a fixture under tests/fixtures/bad/ and a test in tests/robustness.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
export RUSTC_BOOTSTRAP=1

seconds=${FUZZ_SECONDS:-600}
jobs=${FUZZ_JOBS:-2}
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(answers_yaml answers_toml catalogue policy yaml_tree)
fi

seed() {
  local target=$1
  local dir=fuzz/corpus/$target
  mkdir -p fuzz/artifacts
  mkdir -p "$dir"
  case $target in
    answers_yaml) files=(examples/*.yaml tests/fixtures/answers/*.yaml tests/fixtures/ok/*.yaml tests/fixtures/bad/answers/*.yaml) ;;
    answers_toml) files=(examples/*.toml tests/fixtures/answers/*.toml tests/fixtures/ok/*.toml tests/fixtures/bad/answers/*.toml) ;;
    catalogue) files=(tests/fixtures/catalogues/*.yaml tests/fixtures/bad/catalogues/*.yaml) ;;
    policy) files=(tests/fixtures/answers/policy.toml tests/fixtures/bad/policies/*) ;;
    yaml_tree) files=(examples/*.yaml tests/fixtures/answers/*.yaml tests/fixtures/ok/*.yaml tests/fixtures/catalogues/*.yaml tests/fixtures/bad/answers/*.yaml) ;;
  esac
  for f in "${files[@]}"; do
    [ -f "$f" ] && cp "$f" "$dir/seed-$(basename "$f")"
  done
}

dict_for() {
  case $1 in
    answers_toml|policy) echo fuzz/dict/toml.dict ;;
    *) echo fuzz/dict/yaml.dict ;;
  esac
}

echo "== building fuzz targets"
cargo fuzz build

run() {
  local target=$1
  seed "$target"
  echo "== $target: ${seconds}s (log: fuzz/artifacts/$target.log)"
  cargo fuzz run "$target" -- -max_total_time="$seconds" -max_len=65536 \
    -dict="$(dict_for "$target")" -print_final_stats=1 >"fuzz/artifacts/$target.log" 2>&1
  echo "== $target: $(grep -E '^Done|stat::number_of_executed_units' "fuzz/artifacts/$target.log" | tr '\n' ' ')"
}

status=0
running=0
for target in "${targets[@]}"; do
  run "$target" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait -n || status=1
    running=$((running - 1))
  fi
done
while [ "$running" -gt 0 ]; do
  wait -n || status=1
  running=$((running - 1))
done
ls fuzz/artifacts/*/crash-* 2>/dev/null && { echo "crashes found (above)"; status=1; }
exit $status
