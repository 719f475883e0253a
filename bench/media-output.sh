#!/usr/bin/env bash
# Transcoder benchmark: our FfmpegTranscoder against raw ffmpeg running the very same command on the same segments,
# alternated in one run, plus Livepeer's real-time ratio (transcode time / content duration) for 1080p30 -> 720p/480p/360p/240p.
# Usage: bench/media-output.sh [seconds_of_content=10]  (writes bench/results/media-output.md)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
secs="${1:-10}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
ladder='[{"name":"P720p30fps16x9","width":1280,"height":720,"bitrate":4000000,"fps":30,"gop":"2"},{"name":"P480p30fps16x9","width":854,"height":480,"bitrate":1600000,"fps":30,"gop":"2"},{"name":"P360p30fps16x9","width":640,"height":360,"bitrate":1200000,"fps":30,"gop":"2"},{"name":"P240p30fps16x9","width":426,"height":240,"bitrate":600000,"fps":30,"gop":"2"}]'

dotnet build "$root/bench/Livepeer.Media.Bench" -c Release --nologo -v quiet -clp:ErrorsOnly >&2
bench="$root/bench/Livepeer.Media.Bench/bin/Release/net10.0/Livepeer.Media.Bench"

echo "Generating ${secs}s of 1080p30 H.264 + AAC in 2 s segments..." >&2
ffmpeg -hide_banner -loglevel error -y -f lavfi -i testsrc2=size=1920x1080:rate=30 -f lavfi -i sine=sample_rate=48000 -t "$secs" \
  -c:v libx264 -preset veryfast -b:v 6M -g 60 -keyint_min 60 -sc_threshold 0 -c:a aac \
  -f segment -segment_time 2 -segment_format mpegts "$work/seg%03d.ts"
nseg=$(ls "$work"/seg*.ts | wc -l)

rounds="${ROUNDS:-5}"
result="$("$bench" compare "$work" "$ladder" "$rounds")"
echo "$result" >&2
lines=$(echo "$result" | awk -F'[ =]' '/^round=/ { printf "| %s | %.2f | %.2f | %.3f |\n", $2, $4, $6, $6/$4 }')
raw_total=$(echo "$result" | awk -F'[ =]' '/^round=/ { s += $4 } END { print s }')
ours_total=$(echo "$result" | awk -F'[ =]' '/^round=/ { s += $6 } END { print s }')
ratio=$(echo "$ours_total / $raw_total" | bc -l)
best_raw=$(echo "$result" | awk -F'[ =]' '/^best / { print $3 }')
best_ours=$(echo "$result" | awk -F'[ =]' '/^best / { print $5 }')
best_ratio=$(echo "$best_ours / $best_raw" | bc -l)
rt=$(echo "$best_ours / $secs" | bc -l)
rt_raw=$(echo "$best_raw / $secs" | bc -l)

# Persistent-process proxy: the same ladder command run once over all segments concatenated (what one long-lived
# ffmpeg per stream would do), against the per-segment processes above. Best of 3.
cat "$work"/seg*.ts > "$work/all.ts"
mkdir -p "$work/persist"
mapfile -d '' cmd < <("$bench" print-command "$work/all.ts" "$work/persist" "$ladder")
best_persist=""
for r in 1 2 3; do
  s0=$(date +%s.%N); ffmpeg "${cmd[@]}" 2>/dev/null; s1=$(date +%s.%N)
  t=$(echo "$s1 - $s0" | bc -l)
  if [[ -z "$best_persist" ]] || (( $(echo "$t < $best_persist" | bc -l) )); then best_persist=$t; fi
done
echo "persistent proxy best: $best_persist" >&2

out="$root/bench/results/media-output.md"
# Keep the BenchmarkDotNet section (written separately) when regenerating the transcoder figures.
micro=""
[[ -f "$out" ]] && micro="$(sed -n '/^## Playlist micro-benchmarks/,$p' "$out")"
{
  echo "# Media output: transcoder benchmark"
  echo
  echo "Reproduce: \`bench/media-output.sh $secs\` (machine: $(nproc) cores, $(ffmpeg -version | head -1 | cut -d' ' -f1-3), shared with other jobs while measured)."
  echo
  echo "Input: ${secs} s of 1080p30 H.264 (6 Mb/s) + AAC, ${nseg} segments of 2 s. Ladder: 720p 4 Mb/s, 480p 1.6 Mb/s, 360p 1.2 Mb/s, 240p 0.6 Mb/s,"
  echo "libx264 veryfast, GOP 2 s, one ffmpeg process per segment (one decode, split into four scale+encode chains)."
  echo "Raw = the identical ffmpeg command (FfmpegCommand.Build) spawned directly on the segment files; ours = FfmpegTranscoder.TranscodeAsync"
  echo "(TS scan for typed errors, writes the segment to a temp dir, ffmpeg, reads renditions back, counts frames/pixels). The two are"
  echo "interleaved segment by segment (alternating which goes first) so background load hits both alike."
  echo
  echo "| round | raw ffmpeg (s) | FfmpegTranscoder (s) | ratio |"
  echo "|---|---|---|---|"
  printf '%s' "$lines"
  echo
  printf '| best of %s per segment | %.2f | %.2f | %.3f |\n' "$rounds" "$best_raw" "$best_ours" "$best_ratio"
  echo
  printf '**Overhead ratio, best run per segment (ours / raw): %.3f** (target <= 1.05). Ratio of all-round totals: %.3f.\n\n' "$best_ratio" "$ratio"
  printf '**Real-time duration ratio (transcode time / content duration, best runs), 1080p30 -> 720p+480p+360p+240p: %.2f** (raw ffmpeg: %.2f; < 1 means faster than real time)\n' "$rt" "$rt_raw"
  echo
  printf 'Persistent process per stream (proxy: one ffmpeg over the %s concatenated segments, best of 3): %.2f s against %.2f s for one process per segment (best runs) = %.3f.\n' "$nseg" "$best_persist" "$best_raw" "$(echo "$best_persist / $best_raw" | bc -l)"
  echo "That is the most a long-lived process could save (no per-segment start-up, encoder init or lookahead flush), but it holds the encoders'"
  echo "lookahead frames of segment N until segment N+1 arrives. Of the persistent sessions below, pre-start keeps one process per segment (no added"
  echo "latency) and hides only its start-up; long-lived is this proxy fed live: see \"Persistent sessions against raw per-segment ffmpeg\"."
  if [[ -n "$micro" ]]; then echo; echo "$micro"; fi
} > "$out"
cat "$out"
# Persistent sessions against raw per-segment ffmpeg: its own section of the same file.
ROUNDS="${PERSIST_ROUNDS:-3}" "$root/bench/media-persist.sh" "$secs"
