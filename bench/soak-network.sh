#!/usr/bin/env bash
# Soak and abuse run of a paying network, every node its own OS process: `livepeer chain` (the embedded ledger),
# `livepeer orchestrator` (real ffmpeg, 2 sessions) and `livepeer broadcaster` (funded deposit). A legitimate publisher
# streams in real time while the broadcaster's RTMP port takes the slowloris, half-message and same-timestamp attacks
# (bench/soak/attacks.py) and a second broadcaster whose key has nothing on the ledger sends streams to the orchestrator
# (the free-capacity attack). Writes bench/results/soak-network.md.
# Usage: [SOAK_OUT=file.md] [SOAK_KEEP=1 (keep the logs)] bench/soak-network.sh [legit seconds=40]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-40}"
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; [[ -n "${SOAK_KEEP:-}" ]] && echo "kept $work" >&2 || rm -rf "$work"; }
trap cleanup EXIT

dotnet build "$root/src/Livepeer.Cli" -c Release --nologo -v quiet -clp:ErrorsOnly >&2
cli="$root/src/Livepeer.Cli/bin/Release/net10.0/livepeer"
export LIVEPEER_PASSWORD=soak DOTNET_gcServer=0
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
lp() { local who="$1"; shift; "$cli" "$@" --datadir "$work/$who"; }
rpc_port=$(port); orch_port=$(port); rtmp=$(port); http=$(port); free_rtmp=$(port); free_http=$(port)
rpc="http://127.0.0.1:$rpc_port/"
rpc_call() { curl -s -H 'content-type: application/json' -d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$1\",\"params\":[$2]}" "$rpc"; }
until_ok() { for _ in $(seq "$1"); do if eval "$2" >/dev/null 2>&1; then return 0; fi; sleep 0.5; done; echo "timed out: $2" >&2; return 1; }
# A ledger write as an operator runs it with rounds of seconds: initialize the round when the ledger asks for it.
in_round() { local who="$1"; shift; for _ in 1 2 3 4 5 6; do lp "$who" "$@" --chain-rpc "$rpc" > "$work/$who.cmd" 2>&1 && return 0;
  grep -q RoundNotInitialized "$work/$who.cmd" && lp "$who" round initialize --chain-rpc "$rpc" >/dev/null 2>&1 || true; sleep 0.5; done; cat "$work/$who.cmd" >&2; return 1; }

# Accounts; a genesis giving the orchestrator 2000 LPT and both paying accounts ETH (the free rider gets nothing).
echo soak > "$work/password"
for who in orch bcast free; do lp "$who" account new --light-kdf --password-file "$work/password" --json > "$work/$who.json"; done
addr() { json 'd["address"]' < "$work/$1.json"; }
orch_addr=$(addr orch); bcast_addr=$(addr bcast)
cat > "$work/genesis.json" <<JSON
{ "preset": "devnet", "startBlock": 0, "parameters": { "RoundLength": 40 },
  "allocations": [ { "address": "$orch_addr", "amount": "2000000000000000000000" } ],
  "eth": [ { "address": "$orch_addr", "amount": "100000000000000000000" }, { "address": "$bcast_addr", "amount": "100000000000000000000" } ] }
JSON
lp ledger chain --genesis "$work/genesis.json" --rpc "127.0.0.1:$rpc_port" --block-time 250ms > "$work/ledger.log" 2>&1 & pids+=($!)
until_ok 120 "rpc_call lp_blockNumber '' | grep -q result"

# Every ticket wins (expected value = face value = 100 x the default redemption cost), about one ticket a 2 s segment of
# the ladder below, so the deposit spent is the tickets sent; the broadcaster's limits let that price through.
ev=1000000000000000
lp orch orchestrator --chain-rpc "$rpc" --service-addr "127.0.0.1:$orch_port" --stake 1000 --max-sessions 2 \
  --price-per-unit 250000000 --ticket-ev "$ev" > "$work/orch.log" 2>&1 & pids+=($!)
until_ok 240 "grep -q 'serving on' '$work/orch.log'"
in_round bcast broadcast fund --deposit 1 --reserve 1
until_ok 240 "in_round orch round initialize >/dev/null 2>&1; rpc_call lp_getTranscoder '\"$orch_addr\"' | grep -qi '\"active\": *true'"
deposit_before=$(rpc_call lp_getSenderInfo "\"$bcast_addr\"" | json 'd["result"]["deposit"]')

ladder='[{"name":"low","width":320,"height":180,"bitrate":300000,"fps":30},{"name":"tiny","width":160,"height":90,"bitrate":100000,"fps":15}]'
lp bcast broadcaster --chain-rpc "$rpc" --rtmp-port "$rtmp" --http-port "$http" --profiles "$ladder" \
  --max-ticket-ev "$ev" --max-total-ev 100000000000000000 --max-price-per-unit 1000000000 > "$work/bcast.log" 2>&1 & pids+=($!)
# The free rider: a broadcaster process with an unfunded key, sent straight to the orchestrator.
lp free broadcaster --orch-addr "https://127.0.0.1:$orch_port" --rtmp-port "$free_rtmp" --http-port "$free_http" --profiles "$ladder" \
  --max-price-per-unit 1000000000 > "$work/free.log" 2>&1 & pids+=($!)
until_ok 240 "curl -sf http://127.0.0.1:$http/api/status"
until_ok 240 "curl -sf http://127.0.0.1:$free_http/api/status"

ffmpeg -v error -y -f lavfi -i testsrc2=size=640x360:rate=30 -f lavfi -i sine -t 2 -c:v libx264 -preset ultrafast -b:v 3M -g 30 -c:a aac -f flv "$work/short.flv"
rss() { awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
bcast_pid=$(pgrep -f -n -- "--datadir $work/bcast" || true)
rss_start=$( [[ -n "$bcast_pid" ]] && rss "$bcast_pid" || echo "?")

ffmpeg -v error -re -f lavfi -i testsrc2=size=640x360:rate=30 -f lavfi -i sine=frequency=440 -t "$seconds" -c:v libx264 -preset ultrafast \
  -g 60 -keyint_min 60 -sc_threshold 0 -c:a aac -f flv "rtmp://127.0.0.1:$rtmp/live/legit" & legit=$!
# Its /api/status entry, polled while it plays (a stream leaves the status when it ends).
( while kill -0 "$legit" 2>/dev/null; do
    curl -s "http://127.0.0.1:$http/api/status" | python3 -c '
import json,sys
s=[x for x in json.load(sys.stdin).get("streams",[]) if x.get("name")=="legit"]
if s: print(json.dumps({k: s[0][k] for k in ("segments","transcoded","sourceOnly","ladder")}))' > "$work/legit.tmp" 2>/dev/null || true
    [[ -s "$work/legit.tmp" ]] && mv "$work/legit.tmp" "$work/legit.json"; sleep 1; done ) & poller=$!
sleep 4
for i in 1 2 3; do ffmpeg -v error -re -stream_loop 4 -i "$work/short.flv" -c copy -f flv "rtmp://127.0.0.1:$free_rtmp/live/free$i" & done
python3 "$root/bench/soak/attacks.py" slowloris "$rtmp" 40 30 > "$work/slow.txt" & slowpid=$!
half=$(python3 "$root/bench/soak/attacks.py" halfmsg "$rtmp" 20 20)
rss_half=$( [[ -n "$bcast_pid" ]] && rss "$bcast_pid" || echo "?")
frozen=$(python3 "$root/bench/soak/attacks.py" frozen "$rtmp" frozen "$work/short.flv")
wait $slowpid || true
slow=$(cat "$work/slow.txt")
legit_rc=0; wait $legit || legit_rc=$?
wait $poller || true
sleep 5 # the last renditions and redemptions (every 2 s)
rss_end=$( [[ -n "$bcast_pid" ]] && rss "$bcast_pid" || echo "?")

metric() { { grep -E "^$2(\{| )" <<< "$1" || true; } | awk '{ s += $NF } END { printf "%d", s }'; }
bm=$(curl -s "http://127.0.0.1:$http/metrics"); om=$(curl -sk "https://127.0.0.1:$orch_port/metrics"); fm=$(curl -s "http://127.0.0.1:$free_http/metrics")
received=$(metric "$bm" livepeer_broadcaster_segments_received_total)
transcoded=$(metric "$bm" livepeer_broadcaster_segments_transcoded_total)
source_only=$(metric "$bm" livepeer_broadcaster_segments_source_only_total)
sent=$(metric "$bm" livepeer_broadcaster_tickets_sent_total)
orch_received=$(metric "$om" livepeer_orchestrator_tickets_received_total)
orch_redeemed=$(metric "$om" livepeer_orchestrator_tickets_redeemed_total)
orch_segments=$(metric "$om" livepeer_orchestrator_segments_transcoded_total)
labelled() { grep -E "^$2\{" <<< "$1" | sed "s/^$2//" | tr '\n' ' ' || true; }
orch_refusals=$(labelled "$om" livepeer_orchestrator_segment_failures_total)
redeem_failures=$(labelled "$om" livepeer_orchestrator_redemption_failures_total)
free_in=$(metric "$fm" livepeer_broadcaster_segments_received_total)
free_transcoded=$(metric "$fm" livepeer_broadcaster_segments_transcoded_total)
free_failures=$(labelled "$fm" livepeer_broadcaster_segment_failures_total)
deposit_after=$(rpc_call lp_getSenderInfo "\"$bcast_addr\"" | json 'd["result"]["deposit"]')
spent=$(python3 -c "print($deposit_before - $deposit_after)")
legit_status=$(cat "$work/legit.json" 2>/dev/null || echo "{}")
reasons=$(grep -ohE "closed: (The peer sent [0-9]+ bytes in [0-9.]+ s; the minimum is [0-9]+ bytes/s|Partly received messages would hold [0-9]+ bytes; the limit per connection is [0-9]+ bytes|The server holds [0-9]+ bytes of partly received messages|Stream frozen: [0-9]+ bytes over [0-9.]+ s carry only [0-9]+ ms of timestamps; timestamps must advance)" "$work/bcast.log" \
  | sed -E 's/[0-9]+ bytes in [0-9.]+ s/N bytes in ~10 s/; s/hold [0-9]+ bytes/hold N bytes/; s/holds [0-9]+ bytes/holds N bytes/; s/frozen: [0-9]+ bytes over [0-9.]+ s carry only/frozen: N bytes over T s carry only/' \
  | sort | uniq -c | sed -E 's/^ *([0-9]+) /\1 x "/; s/$/"/' | paste -sd '\t' - | sed 's/\t/; /g' || true)
load=$(cut -d' ' -f1-3 /proc/loadavg)
echo "slowloris: $slow; half: $half; frozen: $frozen; legit $legit_rc; segments in $received transcoded $transcoded; tickets $sent/$orch_received/$orch_redeemed; spent $spent" >&2

out="${SOAK_OUT:-$root/bench/results/soak-network.md}"
{
  echo "# Soak and abuse: a paying network in separate processes"
  echo
  echo "Reproduce: \`bench/soak-network.sh $seconds\` (machine: $(nproc) cores, shared with other jobs while measured: load average $load at the end; $(date -u +%Y-%m-%d))."
  echo
  echo "Processes: \`livepeer chain\` (rounds of 40 blocks of 250 ms), \`livepeer orchestrator --stake 1000 --max-sessions 2\` (real ffmpeg;"
  echo "every ticket wins: \`--ticket-ev\` = face value = $ev wei), \`livepeer broadcaster\` (deposit 1 ETH; ladder 320x180 + 160x90),"
  echo "and a second \`livepeer broadcaster --orch-addr\` whose key holds nothing on the ledger. A legitimate publisher streams"
  echo "640x360 for $seconds s in real time (ffmpeg -re); 4 s in, the attacks of \`bench/soak/attacks.py\` hit the paying broadcaster's"
  echo "RTMP port and three streams are published to the free rider (after the orchestrator refuses its first segments, the free"
  echo "rider's broadcaster has no orchestrator left to try, so the rest of its segments play source only without being sent)."
  echo
  echo "| measure | value |"
  echo "|---|---|"
  echo "| slowloris (40 connections, 1 byte / 2 s) | $slow |"
  echo "| half messages (20 connections x 20 chunk streams x 900 KB of 1 MiB) | $half |"
  echo "| same timestamp (file repeated, every tag at 1000 ms) | $frozen |"
  echo "| reasons in the broadcaster's log (count) | ${reasons:-none found} |"
  echo "| free rider (unfunded key, 3 streams of 10 s) | $free_in segments, $free_transcoded transcoded; its failures: ${free_failures:-none}; orchestrator refusals: ${orch_refusals:-none} |"
  echo "| legitimate publisher | exit $legit_rc; last status: \`$legit_status\` |"
  echo "| paying broadcaster, all streams | $received segments received, $transcoded transcoded, $source_only source only (the orchestrator transcoded $orch_segments) |"
  echo "| tickets sent / received / redeemed | $sent / $orch_received / $orch_redeemed |"
  echo "| winning tickets the ledger refused | ${redeem_failures:-none} |"
  echo "| deposit spent | $spent wei ($deposit_before -> $deposit_after) |"
  echo "| broadcaster RSS: before / after the half messages / at the end | $rss_start / $rss_half / $rss_end MB (process RSS: the GC keeps freed heap; the managed heap is checked in PayingBroadcasterUnderAttackTests) |"
} > "$out"
cat "$out"
