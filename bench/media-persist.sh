#!/usr/bin/env bash
# Persistent transcode sessions (PersistentTranscoder, pre-start and long-lived modes) against raw ffmpeg spawned per segment with the identical command, on
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

ratio() { echo "$1 / $2" | bc -l; }
# round=R raw=W session=W live=W raw_cpu=C session_cpu=C live_cpu=C in_session=N in_live=N
rounds_table="$(echo "$result" | grep '^round=' | sed -E 's/[a-z_]+=//g' \
  | awk '{ printf "| %s | %.2f | %.2f | %.3f | %.2f | %.3f | %.2f | %.2f | %.3f | %.2f | %.3f |\n", $1, $2, $3, $3/$2, $4, $4/$2, $5, $6, $6/$5, $7, $7/$5 }')"
tot() { echo "$result" | grep '^round=' | sed -E 's/[a-z_]+=//g' | awk -v c="$1" '{ s += $c } END { print s }'; }
seg_table="$(echo "$result" | grep '^segment=' | sed -E 's/[a-z_]+=//g' \
  | awk '{ printf "| %s | %.0f | %.0f | %.0f |\n", $1, $2*1000, $3*1000, $4*1000 }')"
q_table="$(echo "$result" | grep '^rendition=' | sed -E 's/rendition=([^ ]+) arm=([^ ]+) raw_kbps=([0-9]+) session_kbps=([0-9]+) target_video_kbps=([0-9]+) raw_video_kbps=([0-9]+) session_video_kbps=([0-9]+) ssim_min=([0-9.]+) ssim_mean=([0-9.]+)/| \1 | \2 | \3 | \4 | \5 | \6 | \7 | \8 | \9 |/')"

out="$root/bench/results/media-output.md"
section="$work/section.md"
{
  echo "## Persistent sessions against raw per-segment ffmpeg"
  echo
  echo "Reproduce: \`bench/media-persist.sh $secs\` (also run by bench/media-output.sh; ROUNDS=$rounds; $(nproc) cores, shared: load average $load_before before, $load_after after)."
  echo
  echo "Same ${nseg} segments of 1080p30 (2 s each), same ladder and the identical ffmpeg ladder command (FfmpegCommand). Three arms per round,"
  echo "back to back in a rotating order: raw = ffmpeg spawned per segment, one after another; pre-start = PersistentTranscoder's default mode (the"
  echo "next segment's ffmpeg started ahead, waiting on stdin; one process per segment); long-lived = PersistentTranscoder in LongLived mode (one"
  echo "ffmpeg for the stream fed segment after segment on stdin, keyframes forced at the source's, renditions cut by the segment muxer at each"
  echo "segment's first PTS; the segments are handed over at once in order, as a broadcaster sends them). Each session's first segment runs cold."
  echo "CPU = user+sys of the reaped ffmpeg children (getrusage)."
  echo
  echo "| round | raw wall (s) | pre-start wall (s) | ratio | long-lived wall (s) | ratio | raw CPU (s) | pre-start CPU (s) | ratio | long-lived CPU (s) | ratio |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  echo "$rounds_table"
  echo
  printf '**Wall-time ratio against raw per-segment ffmpeg, all rounds: pre-start %.3f, long-lived %.3f.** CPU-time ratio: pre-start %.3f, long-lived %.3f.\n' \
    "$(ratio "$(tot 3)" "$(tot 2)")" "$(ratio "$(tot 4)" "$(tot 2)")" "$(ratio "$(tot 6)" "$(tot 5)")" "$(ratio "$(tot 7)" "$(tot 5)")"
  echo
  echo "Latency per segment with the segments handed over at real-time pace (one every 2 s; handed over until its renditions are back, ms). A"
  echo "long-lived segment's last frames wait in the encoders' lookahead for the next segment, so it comes out about one segment later:"
  echo
  echo "| segment | raw per-segment ffmpeg | pre-start | long-lived |"
  echo "|---|---|---|---|"
  echo "$seg_table"
  echo
  echo "Quality (last round): bitrate over the stream, of the whole files (audio and MPEG-TS overhead included) and of the video packets alone"
  echo "against the profile's bitrate; SSIM of each session's rendition against the raw one per segment (x264 runs are not bit-exact with threads,"
  echo "so two raw runs differ by the same order as pre-start does)."
  echo
  echo "| rendition | arm | raw file kb/s | session file kb/s | profile video kb/s | raw video kb/s | session video kb/s | SSIM min | SSIM mean |"
  echo "|---|---|---|---|---|---|---|---|---|"
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
