#!/usr/bin/env bash
# caizheng: the two commands.
#   ./build.sh demo   install missing Debian packages, build, run the main example
#   ./build.sh test   the same build, then every test (dev preset), then the tests again
#                     under AddressSanitizer + UndefinedBehaviorSanitizer (asan preset)
# Other: ./build.sh build | bench | deps
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# Debian packages the build and the tests need. Only the missing ones are installed.
PACKAGES=(
  cmake g++ make pkg-config clang
  libboost1.81-dev libboost-json1.81-dev libmsgsl-dev
  catch2 libbenchmark-dev libpoppler-cpp-dev
  python3 python3-pytest
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
    log "demo: shares of each 类 in the bundled 2024 report's total spending"
    ./build/dev/examples/money_shares tests/data/tianyuan_2024_lei.tsv
    ;;
  test)
    ensure_packages
    build_preset dev
    test_preset dev
    build_preset asan
    test_preset asan
    ;;
  bench)
    ensure_packages
    build_preset release
    for b in build/release/bench/*_bench; do "$b" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true; done
    ;;
  *)
    echo "usage: $0 demo|test|build|bench|deps" >&2
    exit 2
    ;;
esac
