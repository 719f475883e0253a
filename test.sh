#!/usr/bin/env bash
# Runs every test: installs what is missing, builds with warnings as errors, runs all test projects,
# and ends with one line "N passed, N failed, N skipped". Exits non-zero on any failure.
# Usage: ./test.sh [dotnet test filter, e.g. "FullyQualifiedName~Keccak"]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
filter="${1:-}"

"$root/scripts/deps.sh" test

# Node packages: the tests' (ethers, hls.js, dash.js, playwright-core), the dashboard's (copied into the CLI build) and
# the contracts' (solc, OpenZeppelin, anvil).
for dir in tests/js web contracts; do
  if [[ ! -d $dir/node_modules || $dir/package-lock.json -nt $dir/node_modules ]]; then
    echo "Installing node packages in $dir..." >&2
    (cd $dir && npm ci --no-audit --no-fund --loglevel=error) >&2
  fi
done

# The Solidity contracts (contracts/out/ is build output, rebuilt when a source changes).
node contracts/build.mjs

echo "Building (warnings are errors)..." >&2
dotnet build Livepeer.slnx -c Release --nologo -v quiet -clp:ErrorsOnly -warnaserror

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
# One test project at a time: several at once on 2 cores starve the real-time media and network tests.
args=(test Livepeer.slnx -c Release --no-build --nologo -m:1 --blame-hang-timeout 10m)
[[ -n "$filter" ]] && args+=(--filter "$filter")
set +e
dotnet "${args[@]}" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# Sum the per-assembly summaries ("Passed!  - Failed: 0, Passed: 9, Skipped: 0, ...").
read -r passed failed skipped < <(awk -F'[:,]' '/(Passed|Failed)! +- Failed:/ {
    for (i = 1; i <= NF; i++) { gsub(/ /, "", $i) }
    for (i = 1; i < NF; i++) {
      if ($i ~ /Failed$/) f += $(i+1); if ($i == "Passed") p += $(i+1); if ($i == "Skipped") s += $(i+1)
    }
  } END { print p+0, f+0, s+0 }' "$log")
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [[ $status -ne 0 || $failed -ne 0 || $passed -eq 0 ]]; then
  echo "TESTS FAILED (dotnet test exit code $status)" >&2
  exit 1
fi
