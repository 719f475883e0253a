#!/usr/bin/env bash
# Graceful overload (issue 15 item 4): two live 1080p30 streams for SECONDS each, default ladder, one orchestrator with real
# ffmpeg on this machine (more work than cores); writes bench/results/overload.md.
# Usage: bench/overload.sh [seconds=60] [orchestrator capacity: N or auto, default 10]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-60}"; sessions="${2:-10}"
out="$root/bench/results/overload.md"
dotnet build "$root/bench/Livepeer.Node.Bench" -c Release --nologo -v quiet -clp:ErrorsOnly >&2
report="$(dotnet "$root/bench/Livepeer.Node.Bench/bin/Release/net10.0/Livepeer.Node.Bench.dll" overload "$seconds" "$sessions")"
{
  echo "# Graceful overload: two live 1080p streams on $(nproc) cores"
  echo
  echo "Reproduce: \`bench/overload.sh $seconds $sessions\` (machine shared with other jobs while measured; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg))."
  echo
  echo "$report"
} > "$out"
cat "$out"
