#!/usr/bin/env bash
# Soak and abuse run of `livepeer media` (one OS process): RSS after 50 and after 500 short RTMP streams, then the
# slowloris, half-message and same-timestamp attacks while a legitimate publisher streams; writes bench/results/soak.md.
# Usage: [SOAK_OUT=file.md] bench/soak.sh [streams=500] [parallel=5]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
streams="${1:-500}"; parallel="${2:-5}"
work="$(mktemp -d)"
pid=""
cleanup() { [[ -n "$pid" ]] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

dotnet build "$root/src/Livepeer.Cli" -c Release --nologo -v quiet -clp:ErrorsOnly >&2
cli="$root/src/Livepeer.Cli/bin/Release/net10.0/livepeer"
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
rtmp=$(port); http=$(port)

# A short stream: 1.5 s of 640x360 at 3 Mb/s + AAC, one segment; and a 40 s one for the legitimate publisher.
ffmpeg -v error -y -f lavfi -i testsrc2=size=640x360:rate=30 -f lavfi -i sine -t 1.5 -c:v libx264 -preset ultrafast -b:v 3M -g 30 -c:a aac -f flv "$work/short.flv"
ffmpeg -v error -y -f lavfi -i testsrc2=size=640x360:rate=30 -f lavfi -i sine -t 40 -c:v libx264 -preset ultrafast -b:v 1M -g 30 -c:a aac -f flv "$work/long.flv"

"$cli" media --rtmp-port "$rtmp" --http-port "$http" --profiles '[{"name":"low","width":320,"height":180,"bitrate":300000,"fps":30,"gop":"1"}]' \
  --ended-retention 2 > "$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$http/utc" >/dev/null && break; sleep 0.2; done
rss() { awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$pid/status"; }

publish() { ffmpeg -v error -i "$work/short.flv" -c copy -f flv "rtmp://127.0.0.1:$rtmp/live/soak$1" || echo "stream $1 failed" >&2; }
export -f publish; export work rtmp
run() { seq "$1" "$2" | xargs -P "$parallel" -I{} bash -c 'publish {}'; }
settle() { sleep 10; }  # ended streams leave after 2 s; transcodes finish; the GC gets its chance

start_rss=$(rss)
t0=$(date +%s)
run 1 50; settle; rss50=$(rss)
run 51 "$streams"; settle; rss_end=$(rss)
t1=$(date +%s)
growth=$(echo "($rss_end - $rss50) * 100 / $rss50" | bc -l)
gone=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$http/hls/soak1/index.m3u8")
echo "RSS start $start_rss MB, after 50 streams $rss50 MB, after $streams $rss_end MB (${growth}%)" >&2

# Attacks while a legitimate publisher streams in real time.
ffmpeg -v error -re -i "$work/long.flv" -c copy -f flv "rtmp://127.0.0.1:$rtmp/live/legit" &
legit=$!
sleep 3
python3 "$root/bench/soak/attacks.py" slowloris "$rtmp" 40 30 > "$work/slow.txt" &
slowpid=$!
half=$(python3 "$root/bench/soak/attacks.py" halfmsg "$rtmp" 20 20)
frozen=$(python3 "$root/bench/soak/attacks.py" frozen "$rtmp" frozen "$work/short.flv")
peak_attack=$(rss)
wait $slowpid || true
slow=$(cat "$work/slow.txt")
segments=$(curl -s "http://127.0.0.1:$http/hls/legit/source/index.m3u8" | grep -c EXTINF || true)
legit_rc=0; wait $legit || legit_rc=$?
# Its live window while it plays is the proof it was served; once ended it must leave the store like every other
# ended stream (--ended-retention 2), so its playlist answers 404 after that, as designed.
sleep 15
ended=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$http/hls/legit/source/index.m3u8")
echo "slowloris: $slow; half messages: $half; same timestamp: $frozen; legit segments in window: $segments, exit $legit_rc" >&2

out="${SOAK_OUT:-$root/bench/results/soak.md}"  # SOAK_OUT: write a shorter run elsewhere
{
  echo "# Soak and abuse: \`livepeer media\`"
  echo
  echo "Reproduce: \`bench/soak.sh $streams $parallel\` (machine: $(nproc) cores, shared with other jobs while measured: load average $(cut -d' ' -f1-3 /proc/loadavg) at the end; $(date -u +%Y-%m-%d))."
  echo
  echo "One \`livepeer media\` process, ladder of one 320x180 rendition, \`--ended-retention 2\`. Each short stream is 1.5 s of"
  echo "640x360 at 3 Mb/s + AAC published with \`ffmpeg -c copy\` (not real time), $parallel at a time; RSS from /proc after 10 s of quiet."
  echo
  echo "| measure | value |"
  echo "|---|---|"
  echo "| RSS at start | $start_rss MB |"
  echo "| RSS after 50 streams | $rss50 MB |"
  echo "| RSS after $streams streams | $rss_end MB |"
  printf '| growth from 50 to %s streams | %.1f %% |\n' "$streams" "$growth"
  echo "| wall time for $streams streams | $((t1 - t0)) s |"
  echo "| ended stream's playlist afterwards | HTTP $gone |"
  echo "| RSS during the attacks | $peak_attack MB |"
  echo "| slowloris (40 connections, 1 byte / 2 s) | $slow |"
  echo "| half messages (20 connections x 20 chunk streams x 900 KB of 1 MiB) | $half |"
  echo "| same timestamp (file repeated, every tag at 1000 ms) | $frozen |"
  echo "| legitimate 40 s publisher during the attacks | $segments segments in its live window mid-run; publisher exit $legit_rc; its playlist 15 s after its end (ended streams leave the store): HTTP $ended |"
} > "$out"
cat "$out"
