#!/usr/bin/env bash
# Install test: `cmake --install` the build into a fresh prefix, check what is there, then build
# the getting-started programs against it with CMake (find_package) and with pkg-config, run
# them and compare their output with examples/getting_started.out.
#
#   run.sh SOURCE_DIR BUILD_DIR WORK_DIR CMAKE CC CXX     (CTest test install_consumers)
set -euo pipefail
src=$1 build=$2 work=$3 cmake=$4 cc=$5 cxx=$6
expected=$src/examples/getting_started.out
prefix=$work/prefix
rm -rf "$work"
mkdir -p "$work"

step() { printf '== %s\n' "$*"; }
fail() { printf 'install test FAILED: %s\n' "$*" >&2; exit 1; }
# run NAME CMD...: run a consumer, its output must be exactly examples/getting_started.out.
run() {
  local name=$1; shift
  "$@" >"$work/$name.out" || fail "$name exited with $?"
  diff -u "$expected" "$work/$name.out" || fail "$name printed something else"
  echo "$name: output as documented"
}

step "cmake --install $build --prefix $prefix"
"$cmake" --install "$build" --prefix "$prefix" >"$work/install.log"
lib=$prefix/lib
for f in include/caizheng.h include/caizheng/capi/money.h include/caizheng/caizheng.hpp \
         lib/libcaizheng.a lib/pkgconfig/caizheng.pc \
         lib/cmake/caizheng/caizhengConfig.cmake lib/cmake/caizheng/caizhengConfigVersion.cmake \
         lib/cmake/caizheng/caizhengTargets.cmake; do
  [[ -f $prefix/$f ]] || fail "missing $f"
done
[[ $(readlink "$lib/libcaizheng.so") == libcaizheng.so.0 ]] || fail "libcaizheng.so -> libcaizheng.so.0 link"
[[ -L $lib/libcaizheng.so.0 && -f $(readlink -f "$lib/libcaizheng.so.0") ]] || fail "libcaizheng.so.0 link"
LC_ALL=C readelf -d "$lib/libcaizheng.so.0" | grep -q 'SONAME.*\[libcaizheng.so.0\]' || fail "SONAME"
if LC_ALL=C readelf -d "$lib/libcaizheng.so.0" | grep -Eq 'R(UN)?PATH'; then fail "installed library has an RPATH"; fi
# Internal headers stay out.
[[ ! -e $prefix/include/guard.hpp ]] || fail "internal header installed"

step "CMake consumer: find_package(caizheng CONFIG)"
"$cmake" -S "$src/tests/install/consumer" -B "$work/consumer" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$prefix" -DEXAMPLES="$src/examples" \
  -DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx" >"$work/consumer-configure.log" \
  || { cat "$work/consumer-configure.log"; fail "configure"; }
"$cmake" --build "$work/consumer" -j 2 >"$work/consumer-build.log" \
  || { cat "$work/consumer-build.log"; fail "build"; }
# The shared-library consumers find libcaizheng.so.0 through the RUNPATH CMake gives them.
run cmake_cpp "$work/consumer/hello_cpp"
run cmake_c "$work/consumer/hello_c"
run cmake_c_static "$work/consumer/hello_c_static"
if LC_ALL=C readelf -d "$work/consumer/hello_c_static" | grep -q 'NEEDED.*libcaizheng'; then
  fail "hello_c_static needs libcaizheng.so"
fi

step "pkg-config consumer"
export PKG_CONFIG_PATH=$lib/pkgconfig
[[ $(pkg-config --modversion caizheng) == "$(sed -n 's/^#define CZ_VERSION_STRING "\(.*\)"/\1/p' "$src/include/caizheng.h")" ]] \
  || fail "pkg-config --modversion"
# shellcheck disable=SC2046 # word splitting of pkg-config output is intended
"$cc" -std=c99 -o "$work/pc_c" "$src/examples/getting_started.c" $(pkg-config --cflags --libs caizheng)
# shellcheck disable=SC2046
"$cxx" -std=c++20 -o "$work/pc_cpp" "$src/examples/getting_started.cpp" $(pkg-config --cflags --libs caizheng)
LD_LIBRARY_PATH=$lib run pkgconfig_c "$work/pc_c"
LD_LIBRARY_PATH=$lib run pkgconfig_cpp "$work/pc_cpp"
# Static: the archive itself plus what `pkg-config --static` adds (Boost.JSON, the C++ runtime).
# shellcheck disable=SC2046
"$cc" -std=c99 -o "$work/pc_c_static" "$src/examples/getting_started.c" $(pkg-config --cflags caizheng) \
  "$(pkg-config --variable=libdir caizheng)/libcaizheng.a" $(pkg-config --static --libs-only-l caizheng | sed 's/-lcaizheng//')
run pkgconfig_c_static "$work/pc_c_static"

# Relocatable: the pc file works after the prefix moves.
mv "$prefix" "$work/moved"
moved_include=$(PKG_CONFIG_PATH=$work/moved/lib/pkgconfig pkg-config --variable=includedir caizheng)
[[ -f $moved_include/caizheng.h ]] || fail "caizheng.pc is not relocatable: includedir=$moved_include"
rm -rf "$work"
echo "install test: 6 consumers built and run (CMake: C++, C, C static; pkg-config: C, C++, C static)"
