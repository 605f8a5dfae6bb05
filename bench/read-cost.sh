#!/usr/bin/env bash
# The service's CPU per request for two builds, measured side by side: each serves its own copy of the same demo
# organisation, and batches of sequential keep-alive GETs from one client alternate between them (A then B, then B
# then A), so a busy shared machine slows both alike. The service's user and system CPU time (from /proc, in clock
# ticks of 10 ms) is summed over its batches only, and divided by the requests. One client and no concurrency: this is
# the cost of a request, not a throughput (bench/SkillsLedger.Bench's `reads` scenario measures that). Between two runs
# of this script the figures move by about ±0.01 ms on a shared machine; within a run, A and B see the same conditions.
# Usage: bench/read-cost.sh DIR_A DIR_B [ROUNDS] [REQUESTS_PER_BATCH]   (DIR_*: checkouts; each is built in Release)
#   ROUTE=/health/live      the request (default: one person's skill levels, /api/people/E000001/skills)
#   NO_KEY=1                send no Authorization header (only for an anonymous route)
#   WARMUP=11               batches of warm-up per build before measuring (JIT tiering, pools)
#   PARALLEL=8              each batch's requests over 8 connections at once (curl --parallel) instead of one by one
#   SERVE_ENV_A="K=V …"     extra environment for A's service (and SERVE_ENV_B for B's)
# Prints, for A and B: user, system and total CPU in ms per request, and n; and PostgreSQL's CPU per request (all its
# processes: the postmaster, the backends serving the pool and, through the postmaster's children's times, any that ended).
set -euo pipefail
A=$(cd "$1" && pwd); B=$(cd "$2" && pwd)
ROUNDS=${3:-20}
N=${4:-1000}
ROUTE=${ROUTE:-/api/people/E000001/skills}
WORK=${WORK:-$(mktemp -d /tmp/sl-read-cost.XXXXXX)}
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done' EXIT
start() { # side dir port env
  local side=$1 dir=$2 port=$3 bin="dotnet $2/src/SkillsLedger/bin/Release/net10.0/skillsledger.dll"
  dotnet build -c Release "$dir/src/SkillsLedger" -v q -nologo >&2
  if [ ! -f "$WORK/$side.key" ]; then
    $bin demo --people 500 --data-dir "$WORK/$side" | sed -n 's/.*admin key: \(slk_[A-Za-z0-9_-]*\).*/\1/p' | head -1 > "$WORK/$side.key"
  fi
  # Figure warming off: its background computation would be counted as the requests' CPU. No rate limit: the
  # batches are far beyond the default per-key limit.
  env SKILLSLEDGER_WARM_FIGURES=0 SKILLSLEDGER_RATE_LIMIT=100000000 $4 $bin serve --data-dir "$WORK/$side" --urls "http://127.0.0.1:$port" > "$WORK/$side.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 1; done
  for _ in $(seq 1 "$N"); do printf 'url = "http://127.0.0.1:%s%s"\noutput = /dev/null\n' "$port" "$ROUTE"; done > "$WORK/$side.urls"
}
batch() { # side → one batch of N requests
  local auth=(-H "Authorization: Bearer $(cat "$WORK/$1.key")")
  [ -n "${NO_KEY:-}" ] && auth=()
  local parallel=()
  [ -n "${PARALLEL:-}" ] && parallel=(-Z --parallel-max "$PARALLEL" --no-progress-meter)
  curl -s "${parallel[@]}" -K "$WORK/$1.urls" "${auth[@]}" -w '%{http_code}\n' -o /dev/null
}
pid() { pgrep -f "skillsledger.dll serve --data-dir $WORK/$1" | head -1; }
ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12, $13 }'; }
pgpid() { # the postmaster of side $1's embedded PostgreSQL, found by the port its service's log names
  local port; port=$(sed -n 's/.*embedded PostgreSQL on 127.0.0.1:\([0-9]*\).*/\1/p' "$WORK/$1.log" | head -1)
  ss -ltnpH "sport = :$port" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1
}
pgticks() { # postmaster $1: its own and its children's CPU, plus what ended children left in its cutime/cstime
  { sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12 + $14 + $13 + $15 }'
    for c in $(pgrep -P "$1"); do sed 's/.*) //' "/proc/$c/stat" 2>/dev/null | awk '{ print $12 + $13 }'; done; } | awk '{ t += $1 } END { print t }'
}
start a "$A" 5197 "${SERVE_ENV_A:-}"
start b "$B" 5198 "${SERVE_ENV_B:-}"
for side in a b; do
  codes=$(batch $side | sort | uniq -c | tr '\n' ' ')
  case "$codes" in *" $N 200 "*) ;; *) echo "$side: not every warm-up request answered 200: $codes" >&2; exit 1 ;; esac
  for _ in $(seq 1 "${WARMUP:-11}"); do batch $side > /dev/null; done # past tiered compilation
done
PA=$(pid a); PB=$(pid b); GA=$(pgpid a); GB=$(pgpid b)
declare -A U=([a]=0 [b]=0) S=([a]=0 [b]=0) G=([a]=0 [b]=0)
measure() { # side pid postmaster
  local u0 s0 u1 s1 g0 g1
  read -r u0 s0 < <(ticks "$2"); g0=$(pgticks "$3")
  batch "$1" > /dev/null
  read -r u1 s1 < <(ticks "$2"); g1=$(pgticks "$3")
  U[$1]=$((U[$1] + u1 - u0)); S[$1]=$((S[$1] + s1 - s0)); G[$1]=$((G[$1] + g1 - g0))
}
for r in $(seq 1 "$ROUNDS"); do
  if [ $((r % 2)) -eq 1 ]; then measure a "$PA" "$GA"; measure b "$PB" "$GB"; else measure b "$PB" "$GB"; measure a "$PA" "$GA"; fi
done
T=$((ROUNDS * N))
how="sequential requests"; [ -n "${PARALLEL:-}" ] && how="requests over $PARALLEL connections at once"
echo "route $ROUTE, $ROUNDS rounds of $N $how per build; CPU ms per request (n = $T each):"
for side in a b; do
  dir=$A; [ $side = b ] && dir=$B
  awk -v s=$side -v d="$dir" -v u="${U[$side]}" -v y="${S[$side]}" -v g="${G[$side]}" -v n=$T \
    'BEGIN { printf "  %s %-28s user %.4f  system %.4f  total %.4f  PostgreSQL %.4f\n", s, d, u * 10 / n, y * 10 / n, (u + y) * 10 / n, g * 10 / n }'
done
