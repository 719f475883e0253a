#!/usr/bin/env bash
# Persistent transcode sessions (PersistentTranscoder) against raw ffmpeg spawned per segment with the identical command, on
# the same 1080p30 segments in one run, ladder 720p/480p/360p/240p: wall time, children's CPU time, per-segment latency,
# bitrate and SSIM (session rendition against the raw one). Writes the "Persistent sessions" section of
# bench/results/media-output.md (bench/media-output.sh runs it too).
# Usage: bench/media-persist.sh [seconds_of_content=10]   (ROUNDS=3 by default)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
secs="${1:-10}"
rounds="${ROUNDS:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
ladder='[{"name":"P720p30fps16x9","width":1280,"height":720,"bitrate":4000000,"fps":30,"gop":"2"},{"name":"P480p30fps16x9","width":854,"height":480,"bitrate":1600000,"fps":30,"gop":"2"},{"name":"P360p30fps16x9","width":640,"height":360,"bitrate":1200000,"fps":30,"gop":"2"},{"name":"P240p30fps16x9","width":426,"height":240,"bitrate":600000,"fps":30,"gop":"2"}]'

dotnet build "$root/bench/Livepeer.Media.Bench" -c Release --nologo -v quiet -clp:ErrorsOnly >&2
bench="$root/bench/Livepeer.Media.Bench/bin/Release/net10.0/Livepeer.Media.Bench"
ffmpeg -hide_banner -loglevel error -y -f lavfi -i testsrc2=size=1920x1080:rate=30 -f lavfi -i sine=sample_rate=48000 -t "$secs" \
  -c:v libx264 -preset veryfast -b:v 6M -g 60 -keyint_min 60 -sc_threshold 0 -c:a aac \
  -f segment -segment_time 2 -segment_format mpegts "$work/seg%03d.ts"
nseg=$(ls "$work"/seg*.ts | wc -l)
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
result="$("$bench" persist "$work" "$ladder" "$rounds")"
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "$result" >&2

val() { echo "$result" | grep -o "$1=[0-9.]*" | head -1 | cut -d= -f2; }
best_line="$(echo "$result" | grep '^best ')"
bv() { echo "$best_line" | grep -o " $1=[0-9.]*" | cut -d= -f2; }
ratio() { echo "$1 / $2" | bc -l; }
rounds_table="$(echo "$result" | grep '^round=' | sed -E 's/round=([0-9]+) raw=([0-9.]+) session=([0-9.]+) raw_cpu=([0-9.]+) session_cpu=([0-9.]+) in_session=([0-9]+)/\1 \2 \3 \4 \5 \6/' \
  | awk '{ printf "| %s | %.2f | %.2f | %.3f | %.2f | %.2f | %.3f | %s |\n", $1, $2, $3, $3/$2, $4, $5, $5/$4, $6 }')"
raw_tot=$(echo "$result" | awk -F'[ =]' '/^round=/ { s += $4 } END { print s }')
ses_tot=$(echo "$result" | awk -F'[ =]' '/^round=/ { s += $6 } END { print s }')
rawc_tot=$(echo "$result" | awk -F'[ =]' '/^round=/ { s += $8 } END { print s }')
sesc_tot=$(echo "$result" | awk -F'[ =]' '/^round=/ { s += $10 } END { print s }')
seg_table="$(echo "$result" | grep '^segment=' | sed -E 's/segment=([0-9]+) raw_best=([0-9.]+) session_best=([0-9.]+)/\1 \2 \3/' \
  | awk '{ printf "| %s | %.0f | %.0f | %+.0f |\n", $1, $2*1000, $3*1000, ($3-$2)*1000 }')"
q_table="$(echo "$result" | grep '^rendition=' | sed -E 's/rendition=([^ ]+) raw_kbps=([0-9]+) session_kbps=([0-9]+) ssim_min=([0-9.]+) ssim_mean=([0-9.]+)/| \1 | \2 | \3 | \4 | \5 |/')"

out="$root/bench/results/media-output.md"
section="$work/section.md"
{
  echo "## Persistent sessions against raw per-segment ffmpeg"
  echo
  echo "Reproduce: \`bench/media-persist.sh $secs\` (also run by bench/media-output.sh; ROUNDS=$rounds; $(nproc) cores, shared: load average $load_before before, $load_after after)."
  echo
  echo "Same ${nseg} segments of 1080p30 (2 s each), same ladder and the identical ffmpeg command (FfmpegCommand.Build; the session feeds it on stdin instead"
  echo "of a file). Session = PersistentTranscoder: per stream+ladder, the next segment's ffmpeg is started while the current one encodes and waits on"
  echo "stdin, so a segment pays no process start-up; each process still encodes exactly one segment (cut at its boundaries, flushed at its end, no"
  echo "waiting for the next segment). The first segment of each round's session runs cold (a new stream). Each round runs the whole stream through a"
  echo "new session and through raw per-segment ffmpeg back to back, alternating which goes first (blocks, not per-segment alternation: a raw run between"
  echo "two session segments would hide the session's pre-start in the raw run's time). CPU = user+sys of the reaped ffmpeg children (getrusage)."
  echo
  echo "| round | raw wall (s) | session wall (s) | wall ratio | raw CPU (s) | session CPU (s) | CPU ratio | segments served warm |"
  echo "|---|---|---|---|---|---|---|---|"
  echo "$rounds_table"
  echo
  printf '**Wall-time ratio (session / raw per-segment), all rounds: %.3f**; best run per segment: %.3f (steady state, first segment excluded: %.3f). CPU-time ratio, all rounds: %.3f.\n' \
    "$(ratio "$ses_tot" "$raw_tot")" "$(ratio "$(bv session)" "$(bv raw)")" "$(ratio "$(bv steady_session)" "$(bv steady_raw)")" "$(ratio "$sesc_tot" "$rawc_tot")"
  echo
  echo "Latency per segment (segment handed over until its renditions are back; best of $rounds rounds, ms):"
  echo
  echo "| segment | raw per-segment ffmpeg | session | difference |"
  echo "|---|---|---|---|"
  echo "$seg_table"
  echo
  echo "Quality (last round): bitrate over the stream, SSIM of the session's rendition against the raw one per segment (x264 runs are not bit-exact"
  echo "with threads, so two raw runs differ by the same order)."
  echo
  echo "| rendition | raw kb/s | session kb/s | SSIM min | SSIM mean |"
  echo "|---|---|---|---|---|"
  echo "$q_table"
} > "$section"
if [[ -f "$out" ]] && grep -q '^## Persistent sessions against raw per-segment ffmpeg' "$out"; then
  # Replace the old section (up to the next "## " heading) with the new one.
  awk -v sec="$section" '
    /^## Persistent sessions against raw per-segment ffmpeg/ { while ((getline l < sec) > 0) print l; print ""; skip = 1; next }
    skip && /^## / { skip = 0 }
    !skip { print }' "$out" > "$work/out.md"
  mv "$work/out.md" "$out"
else
  { echo; cat "$section"; } >> "$out"
fi
cat "$section"
