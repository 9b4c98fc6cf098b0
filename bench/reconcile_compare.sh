#!/usr/bin/env bash
# Findings must not change when the reconciliation is made faster: run two builds of
# examples/reconcile (before and after a change) with --json on the bundled reports and diff
# their outputs. Exit status 1 when any output differs.
#
#   bench/reconcile_compare.sh OLD/examples/reconcile NEW/examples/reconcile [REPORT...]
#
# Without REPORT arguments: every tests/data/reports/*.txt. Both binaries import the report
# themselves, so a change of the importer between the two builds shows up here as well
# (document.import_warning findings); compare builds that differ only in the reconciliation.
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 OLD_RECONCILE NEW_RECONCILE [REPORT...]" >&2
  exit 2
fi
old=$1 new=$2
shift 2
here=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -eq 0 ]; then set -- "$here"/tests/data/reports/*.txt; fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
for report in "$@"; do
  name=$(basename "$report")
  "$old" --json "$report" >"$tmp/old.json" || true   # exit status: findings, not failure
  "$new" --json "$report" >"$tmp/new.json" || true
  if cmp -s "$tmp/old.json" "$tmp/new.json"; then
    echo "same      $name"
  else
    echo "DIFFERENT $name"
    diff -u "$tmp/old.json" "$tmp/new.json" | head -40 || true
    status=1
  fi
done
exit $status
