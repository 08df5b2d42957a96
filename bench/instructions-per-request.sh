#!/usr/bin/env bash
# CPU instructions one request costs a bench server, counted by valgrind's callgrind: for bare Koa
# the same figure run after run whatever else the machine does, so two builds compare on a shared
# machine where req/s and CPU time move by 10 % between runs. The gateway's timers (health, flushes,
# the simulator) count too and do more the slower valgrind runs, so compare two gateway builds run
# side by side at the same time (two processes, started together), not runs made hours apart.
# User-space only (the kernel's socket work is not counted) and under valgrind V8 tiers up later:
# it ranks changes; it does not replace the req/s benchmarks.
#
#   npx tsc -p tsconfig.bench.json
#   bench/instructions-per-request.sh dist-bench/bench/servers/gateway-server.js '/api/market/price?symbol=BTC'
#   bench/instructions-per-request.sh dist-bench/bench/servers/bare-koa-server.js /
#
# Starts the server under callgrind (config/default.json, LOG_LEVEL info unless set), sends WARM
# requests (default 3000), zeroes the counters, sends COUNT (default 5000) with autocannon (10
# connections), and prints the instructions per request. Needs valgrind (Debian's package).
set -euo pipefail

server=${1:?usage: bench/instructions-per-request.sh <built server .js> <path> [warm] [count]}
path=${2:?usage: bench/instructions-per-request.sh <built server .js> <path> [warm] [count]}
warm=${3:-3000}
count=${4:-5000}
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install -y valgrind)" >&2; exit 1; }

work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
CONFIG=${CONFIG:-config/default.json} LOG_LEVEL=${LOG_LEVEL:-info} valgrind --tool=callgrind --smc-check=all-non-file \
  --callgrind-out-file="$work/callgrind.out" node "$server" >"$work/stdout" 2>"$work/stderr" &
pid=$!

port=""
for _ in $(seq 300); do
  port=$(grep -m1 -o 'LISTENING [0-9]*' "$work/stdout" | cut -d' ' -f2 || true)
  [ -n "$port" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/stderr" >&2; exit 1; }
  sleep 1
done
[ -n "$port" ] || { echo "$server did not listen within 300 s under valgrind" >&2; exit 1; }

npx autocannon -c 10 -a "$warm" "http://127.0.0.1:$port$path" >/dev/null 2>&1
callgrind_control -z "$pid" >/dev/null 2>&1
npx autocannon -c 10 -a "$count" "http://127.0.0.1:$port$path" >/dev/null 2>&1
callgrind_control -d "$pid" >/dev/null 2>&1
sleep 1
total=$(grep -h '^totals:' "$work"/callgrind.out.* | awk '{ sum += $2 } END { print sum }')
echo "$server $path: $((total / count)) instructions per request ($total for $count requests after $warm warm-up)"
