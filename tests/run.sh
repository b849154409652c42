#!/usr/bin/env bash
# Runs every test of the solution and ends with one line: "N passed, N failed, N skipped".
# Usage: bash tests/run.sh [extra dotnet test arguments]
set -uo pipefail
cd "$(dirname "$0")/.."
results="TestResults/run-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$results"

dotnet build CrisisCenter.sln -c Release -nologo -v minimal || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }

# Test assemblies run one after another (-m:1 keeps two heavy hosts from fighting over 2 cores).
dotnet test CrisisCenter.sln -c Release --no-build -nologo -m:1 \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@"
status=$?

passed=0; failed=0; skipped=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); p=${p:-0}
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=${f:-0}
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters"); e=${e:-0}
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters"); t=${t:-0}
  passed=$((passed + p)); failed=$((failed + f + e)); skipped=$((skipped + t - p - f - e))
done
trx_count=$(ls "$results"/*.trx 2>/dev/null | wc -l)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The runner failed without a failing test (a crashed test host, a missing result): count it as a failure.
  failed=1
fi
echo "test result files: $trx_count in $results"
if [ "$failed" -gt 0 ]; then
  # Name every failed test with the first line of its message, so the last lines of a CI log say what broke.
  for trx in "$results"/*.trx; do
    python3 - "$trx" <<'PY' 2>/dev/null || grep -o 'testName="[^"]*"[^>]*outcome="Failed"' "$trx"
import re, sys, html
text = open(sys.argv[1], encoding="utf-8").read()
for m in re.finditer(r'<UnitTestResult [^>]*?testName="([^"]*)"[^>]*?outcome="Failed"[^>]*>(.*?)</UnitTestResult>', text, re.S):
    msg = re.search(r"<Message>(.*?)</Message>", m.group(2), re.S)
    first = html.unescape(msg.group(1)).strip().splitlines()[0][:400] if msg else "(no message)"
    print("FAILED " + html.unescape(m.group(1)) + "\n    " + first)
PY
  done
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
