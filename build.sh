#!/usr/bin/env bash
# caizheng: the two commands.
#   ./build.sh demo   install missing Debian packages, build, run the main example
#   ./build.sh test   the same build, then every test (dev preset), then the tests again
#                     under AddressSanitizer + UndefinedBehaviorSanitizer (asan preset), then
#                     ~60 s of libFuzzer (fuzz preset) and the C API thread test under
#                     ThreadSanitizer (tsan preset); prints the time of each stage
# Other: ./build.sh build | bench | deps | fuzz | tsan
#        ./build.sh abi-update   after a deliberate C API/ABI change: rewrites lib/caizheng.symbols
#                                and the generated docs/api-c.md, docs/thread-safety.md table
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# Debian packages the build and the tests need. Only the missing ones are installed.
PACKAGES=(
  cmake g++ make pkg-config clang
  libboost1.81-dev libboost-json1.81-dev libmsgsl-dev
  catch2 libbenchmark-dev libpoppler-cpp-dev poppler-utils
  python3 python3-pytest
  python3-venv python3-pip python3-setuptools python3-wheel binutils libclang-rt-14-dev
)

log() { printf '== %s\n' "$*" >&2; }

ensure_packages() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
  if ((${#missing[@]} == 0)); then return 0; fi
  log "installing missing Debian packages: ${missing[*]}"
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

JOBS=$(nproc 2>/dev/null || echo 2)

build_preset() {
  local preset=$1
  log "configure + build ($preset)"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$JOBS"
}

test_preset() {
  local preset=$1
  log "test ($preset)"
  ctest --preset "$preset" -j "$JOBS"
}

# stage NAME COMMAND...: run a stage and remember how long it took, wall clock and CPU time of
# its processes (printed by stage_summary; CPU/2 is the wall time on an idle 2-core machine).
STAGE_TIMES=()
CPU_NOW=0
children_cpu() { # sets CPU_NOW: user + system seconds of this shell's finished children so far
  local f
  f=$(mktemp)
  times >"$f" # in this shell, not a subshell, so that it sees our children
  CPU_NOW=$(tail -1 "$f" | awk '{ n = 0; for (i = 1; i <= 2; ++i) { split($i, t, /[ms]/); n += t[1] * 60 + t[2] } printf "%d", n }')
  rm -f "$f"
}
stage() {
  local name=$1 start=$SECONDS cpu
  children_cpu
  cpu=$CPU_NOW
  shift
  "$@"
  children_cpu
  STAGE_TIMES+=("$(printf '%-12s %5d s wall %6d s cpu' "$name" $((SECONDS - start)) $((CPU_NOW - cpu)))")
}
stage_summary() {
  log "stage times"
  printf '   %s\n' "${STAGE_TIMES[@]}" >&2
}

# Fuzzing: build the libFuzzer targets (clang), replay the kept regression inputs, then run each
# target from its committed corpus for FUZZ_SECONDS in total (split evenly). New corpus entries
# go to build/fuzz/corpus/, crash inputs to build/fuzz/artifacts/; any crash fails the stage.
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
fuzz_stage() {
  build_preset fuzz
  local list=build/fuzz/fuzz/targets.txt n per bin corpus regressions name
  n=$(grep -c . "$list")
  per=$((FUZZ_SECONDS / n))
  ((per >= 1)) || per=1
  mkdir -p build/fuzz/artifacts
  while read -r bin corpus regressions; do
    name=$(basename "$bin")
    mkdir -p "build/fuzz/corpus/$name"
    if compgen -G "$regressions/*" >/dev/null; then
      log "fuzz $name: replaying $regressions"
      "$bin" "$regressions"/* 2>&1 | tail -1
    fi
    log "fuzz $name: ${per} s from $corpus"
    # A fixed seed makes a CI run repeat the mutations of a local run on the same corpus.
    if ! "$bin" -seed="${FUZZ_SEED:-1}" -max_total_time="$per" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="build/fuzz/artifacts/$name-" "build/fuzz/corpus/$name" "$corpus" \
        >"build/fuzz/$name.log" 2>&1; then
      tail -50 "build/fuzz/$name.log" >&2
      log "fuzz $name FAILED: input in build/fuzz/artifacts/; fix it, then keep the input in" \
          "fuzz/regressions/$name/ (docs/fuzzing.md)"
      return 1
    fi
    grep -E '^stat::(number_of_executed_units|new_units_added)' "build/fuzz/$name.log" | tr '\n' ' ' >&2
    echo >&2
  done <"$list"
}

# ThreadSanitizer: only the library and the C API thread test are built and run.
tsan_stage() {
  build_preset tsan
  test_preset tsan
}

cmd=${1:-demo}
case "$cmd" in
  deps)
    ensure_packages
    ;;
  build)
    ensure_packages
    build_preset dev
    ;;
  demo)
    ensure_packages
    build_preset dev
    log "demo: reconcile the bundled 2024 report (HTML report: build/dev/reconcile.html)"
    ./build/dev/examples/reconcile --html build/dev/reconcile.html tests/data/reports/2024_tianyuan_data_bureau.txt
    ;;
  test)
    ensure_packages
    stage "dev build" build_preset dev
    stage "dev test" test_preset dev
    stage "asan build" build_preset asan
    stage "asan test" test_preset asan
    stage "fuzz" fuzz_stage
    stage "tsan" tsan_stage
    stage_summary
    ;;
  fuzz)
    ensure_packages
    fuzz_stage
    ;;
  tsan)
    ensure_packages
    tsan_stage
    ;;
  abi-update)
    ensure_packages
    cmake --preset dev >/dev/null
    cmake --build --preset dev -j "$JOBS" --target abi-update
    ;;
  bench)
    ensure_packages
    build_preset release
    for b in build/release/bench/*_bench; do "$b" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true; done
    ;;
  *)
    echo "usage: $0 demo|test|build|bench|deps|fuzz|tsan|abi-update" >&2
    exit 2
    ;;
esac
