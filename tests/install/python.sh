#!/usr/bin/env bash
# Python install test, the way docs/getting-started.md tells a newcomer:
#   python3 -m venv V  &&  cmake --install BUILD --prefix V  &&  V/bin/pip install ./bindings/python
# (no network: --no-build-isolation --no-index, the system setuptools through
# --system-site-packages, which also brings pytest). Then the package's tests and the Python
# getting-started program run against the INSTALLED package and library: no PYTHONPATH, no
# CAIZHENG_LIBRARY, from a directory outside the source tree.
#
#   python.sh SOURCE_DIR BUILD_DIR WORK_DIR CMAKE PYTHON     (CTest test python_installed)
set -euo pipefail
src=$1 build=$2 work=$3 cmake=$4 python=$5
rm -rf "$work"
mkdir -p "$work"
fail() { printf 'python install test FAILED: %s\n' "$*" >&2; exit 1; }
unset CAIZHENG_LIBRARY PYTHONPATH PYTHONHOME VIRTUAL_ENV || true

venv=$work/venv
"$python" -m venv --system-site-packages "$venv"
"$cmake" --install "$build" --prefix "$venv" >"$work/install.log"
# pip builds in the directory it is given: build from a copy so the source tree stays clean.
cp -r "$src/bindings/python" "$work/pkg-src"
rm -rf "$work/pkg-src/tests"
"$venv/bin/python" -m pip install --no-build-isolation --no-index --no-deps --disable-pip-version-check \
  -q "$work/pkg-src" >"$work/pip.log" 2>&1 || { cat "$work/pip.log"; fail "pip install"; }
rm -rf "$work/pkg-src"

cd "$work"
# Which package and which library did we get? Both must be the installed ones.
"$venv/bin/python" - "$venv" "$src" <<'PY' || fail "the installed package or library was not the one used"
import sys, importlib.metadata, pathlib
venv, src = map(lambda p: pathlib.Path(p).resolve(), sys.argv[1:])
import caizheng, caizheng._native as native
pkg = pathlib.Path(caizheng.__file__).resolve()
lib = pathlib.Path(native.lib._name).resolve()
print(f"package {pkg}\nlibrary {lib}")
assert venv in pkg.parents, "package not from the venv"
assert src / "bindings" / "python" not in pkg.parents, "package from the source tree"
assert lib.parent == venv / "lib" and lib.name.startswith("libcaizheng.so.0"), "library not the installed one"
assert importlib.metadata.version("caizheng") == caizheng.__version__, \
    f"pyproject version {importlib.metadata.version('caizheng')} != library {caizheng.__version__}"
PY
# The tests run from the source tree (they find their data relative to it); pytest puts only
# bindings/python/tests on sys.path, so `import caizheng` is the installed package.
PYTHONDONTWRITEBYTECODE=1 CAIZHENG_TEST_DATA=$src/tests/data \
  "$venv/bin/python" -m pytest -q -p no:cacheprovider --rootdir "$work" "$src/bindings/python/tests" \
  || fail "pytest against the installed package"
"$venv/bin/python" "$src/examples/getting_started.py" >"$work/example.out" || fail "getting_started.py"
diff -u "$src/examples/getting_started.out" "$work/example.out" || fail "getting_started.py printed something else"
cd /
rm -rf "$work"
echo "python install test: pip-installed package + cmake-installed library, tests and example pass"
