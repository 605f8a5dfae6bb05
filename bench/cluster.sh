#!/usr/bin/env bash
# Several `serve` nodes on one PostgreSQL, one of them killed mid-ingest (docs/operations.md, "Running several nodes").
#
#   bench/cluster.sh [--people 3000] [--nodes 3] [--heartbeat 5] [--kill-after 15] [--clients 6] [--batch-events 250]
#                    [--one-node-seconds 30] [--no-build] [--keep]
#
# Builds (Release), starts the embedded PostgreSQL, creates an admin key, starts N nodes in distributed mode on loopback
# ports, and runs the load client (skillsledger-bench cluster-client): batches round-robin over the nodes with an
# Idempotency-Key each, retried on another node with the same key when a request fails or times out. The client
# SIGKILLs the node running the analytics projection after --kill-after seconds, keeps ingesting, measures the time
# until another node moves the projection forward, waits for catch-up and checks every acknowledged event is stored
# exactly once. Then the nodes are stopped, every analytics table is dumped in a fixed order, `skillsledger rebuild
# analytics` replays the log on one node, the tables are dumped again and compared byte for byte.
# First (unless --one-node-seconds 0), the same client against one Solo node on a second database of the same server for
# that many seconds: the single-node ingest rate measured in the same run. Prints a summary, writes bench/results/cluster-<UTC>.json, exits non-zero when any check fails.
# Runs as root on a machine with the PostgreSQL server binaries (no Docker). Work files: $CLUSTER_WORK or a temp dir.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PEOPLE=3000 NODES=3 HEARTBEAT=5 KILL_AFTER=15 CLIENTS=6 BATCH_EVENTS=250 ONE_NODE_SECONDS=30 BUILD=1 KEEP=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --people) PEOPLE=$2; shift 2 ;;
    --nodes) NODES=$2; shift 2 ;;
    --heartbeat) HEARTBEAT=$2; shift 2 ;;
    --kill-after) KILL_AFTER=$2; shift 2 ;;
    --clients) CLIENTS=$2; shift 2 ;;
    --batch-events) BATCH_EVENTS=$2; shift 2 ;;
    --one-node-seconds) ONE_NODE_SECONDS=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --keep) KEEP=1; shift ;;
    *) echo "cluster.sh: unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
for n in "$PEOPLE" "$NODES" "$HEARTBEAT" "$KILL_AFTER" "$CLIENTS" "$BATCH_EVENTS" "$ONE_NODE_SECONDS"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "cluster.sh: options take whole numbers (got '$n')" >&2; exit 2; }
done
(( NODES >= 2 )) || { echo "cluster.sh: --nodes must be at least 2 (one is killed)" >&2; exit 2; }
command -v jq >/dev/null || { echo "cluster.sh: needs jq (apt-get install jq)" >&2; exit 2; }
PSQL=$(command -v psql || ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -1 || true)
[[ -x "$PSQL" ]] || { echo "cluster.sh: needs psql (apt-get install postgresql-client)" >&2; exit 2; }

WORK=${CLUSTER_WORK:-$(mktemp -d /tmp/skillsledger-cluster.XXXXXX)}
DATA=$WORK/data
mkdir -p "$WORK"
SL=(dotnet "$ROOT/src/SkillsLedger/bin/Release/net10.0/skillsledger.dll")
BENCH=(dotnet "$ROOT/bench/SkillsLedger.Bench/bin/Release/net10.0/skillsledger-bench.dll")
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
say() { echo "[cluster $(date -u +%H:%M:%S)] $*"; }

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [[ $KEEP == 0 ]]; then
    "${SL[@]}" db stop --data-dir "$DATA" >/dev/null 2>&1 || true
    rm -rf "$WORK"
  else
    say "kept $WORK (database still running: ${SL[*]} db stop --data-dir $DATA)"
  fi
}
trap cleanup EXIT

if [[ $BUILD == 1 ]]; then
  say "building (Release)"
  dotnet build -c Release "$ROOT/bench/SkillsLedger.Bench/SkillsLedger.Bench.csproj" -v q -nologo | tail -3
fi

say "embedded PostgreSQL in $DATA"
"${SL[@]}" db start --data-dir "$DATA" >&2
URL=$("${SL[@]}" db psql-url --data-dir "$DATA" 2>/dev/null)
say "generating $PEOPLE people"
"${SL[@]}" generate --people "$PEOPLE" --out "$WORK/events.jsonl" --no-progress >/dev/null
# keys create prints the key alone on its last stdout line (migration warnings may come before it).
KEY=$("${SL[@]}" keys create --role admin --name cluster-bench --data-dir "$DATA" 2>/dev/null | tail -1)
[[ $KEY == slk_* ]] || { echo "cluster.sh: could not create an API key" >&2; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_ready() { # url pid log
  for _ in $(seq 1 900); do
    curl -sf -o /dev/null "$1/health/ready" && return 0
    kill -0 "$2" 2>/dev/null || { echo "cluster.sh: a node exited:" >&2; tail -20 "$3" >&2; exit 1; }
    sleep 0.2
  done
  echo "cluster.sh: $1 not ready after 3 minutes" >&2; exit 1
}

echo '{}' >"$WORK/one.json"
if (( ONE_NODE_SECONDS > 0 )); then
  # Same server, same client, one Solo node, a database of its own (the exactly-once check counts a whole database).
  "$PSQL" "$URL" -q -c "create database skillsledger_one"
  URL_ONE="${URL%/*}/skillsledger_one"
  KEY_ONE=$("${SL[@]}" keys create --role admin --name cluster-bench --db "$URL_ONE" 2>/dev/null | tail -1)
  url="http://127.0.0.1:$(free_port)"
  "${SL[@]}" serve --db "$URL_ONE" --urls "$url" >"$WORK/one-node.log" 2>&1 &
  PIDS+=($!)
  wait_ready "$url" "${PIDS[0]}" "$WORK/one-node.log"
  say "one Solo node: ingesting for $ONE_NODE_SECONDS s"
  "${BENCH[@]}" cluster-client --nodes "$url" --key "$KEY_ONE" --input "$WORK/events.jsonl" --db "$URL_ONE" --out "$WORK/one.json" \
    --clients "$CLIENTS" --batch-events "$BATCH_EVENTS" --kill-after 0 --duration "$ONE_NODE_SECONDS" --catch-up-timeout 0
  kill -TERM "${PIDS[0]}"; wait "${PIDS[0]}" || true
  PIDS=()
fi
URLS=()
STARTED=$(date +%s.%N)
for i in $(seq 1 "$NODES"); do
  url="http://127.0.0.1:$(free_port)"
  "${SL[@]}" serve --data-dir "$DATA" --daemon distributed --heartbeat "$HEARTBEAT" --urls "$url" >"$WORK/node$i.log" 2>&1 &
  PIDS+=($!)
  URLS+=("$url")
done
for i in "${!URLS[@]}"; do wait_ready "${URLS[$i]}" "${PIDS[$i]}" "$WORK/node$((i + 1)).log"; done
READY=$(printf "%.1f" "$(echo "$(date +%s.%N) - $STARTED" | bc)")
say "$NODES nodes ready in ${READY} s: ${URLS[*]}"

NODE_LIST=$(IFS=,; echo "${URLS[*]}")
set +e
"${BENCH[@]}" cluster-client --nodes "$NODE_LIST" --key "$KEY" --input "$WORK/events.jsonl" --db "$URL" --out "$WORK/client.json" \
  --clients "$CLIENTS" --batch-events "$BATCH_EVENTS" --kill-after "$KILL_AFTER" --after-recovery 10
CLIENT_RC=$?
set -e
[[ -s "$WORK/client.json" ]] || { echo "cluster.sh: the load client wrote no results (exit $CLIENT_RC)" >&2; exit 1; }

say "stopping the nodes"
for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
PIDS=()

# Every analytics table, in name order, rows in the order of their text form: a fixed order independent of storage.
dump() {
  "$PSQL" "$URL" -At -c "select tablename from pg_tables where schemaname = 'analytics' order by 1" | while read -r t; do
    echo "== $t"
    "$PSQL" "$URL" -At -c "copy (select * from analytics.\"$t\" r order by r::text) to stdout"
  done >"$1"
}
say "dumping the analytics tables the cluster built"
dump "$WORK/analytics-cluster.txt"
say "rebuilding analytics on one node (skillsledger rebuild analytics)"
"${SL[@]}" rebuild analytics --data-dir "$DATA" --no-progress
dump "$WORK/analytics-rebuilt.txt"
if cmp -s "$WORK/analytics-cluster.txt" "$WORK/analytics-rebuilt.txt"; then IDENTICAL=true; else IDENTICAL=false
  diff "$WORK/analytics-cluster.txt" "$WORK/analytics-rebuilt.txt" | head -10 >&2 || true
fi
TABLES=$(grep -c '^== ' "$WORK/analytics-cluster.txt" || true)
ROWS=$(grep -vc '^== ' "$WORK/analytics-cluster.txt" || true)
SHA=$(sha256sum "$WORK/analytics-cluster.txt" | cut -c1-16)

mkdir -p "$ROOT/bench/results"
OUT="$ROOT/bench/results/cluster-$STAMP.json"
jq --argjson identical "$IDENTICAL" --argjson tables "$TABLES" --argjson rows "$ROWS" --arg sha "$SHA" \
   --argjson people "$PEOPLE" --argjson heartbeat "$HEARTBEAT" --argjson ready "$READY" --arg stamp "$STAMP" \
   --arg cores "$(nproc)" --arg pg "$("$PSQL" "$URL" -At -c 'show server_version')" --slurpfile one "$WORK/one.json" \
   '{scenario: "cluster", startedUtc: $stamp, settings: {people: $people, heartbeatSeconds: $heartbeat, cores: ($cores|tonumber), postgres: $pg},
     nodesReadySeconds: $ready} + .
     + {oneNode: ($one[0].ingest // null)}
     + {rebuildComparison: {identical: $identical, tables: $tables, rows: $rows, sha256Prefix: $sha}}
     | .passed = (.passed and $identical)
     | .failures += (if $identical then [] else ["analytics tables differ from a single-node rebuild"] end)' \
   "$WORK/client.json" >"$OUT"

echo
jq -r '
  def yes(b): if b then "PASS" else "FAIL" end;
  ["check / figure", "value"], ["---", "---"],
  ["nodes (distributed, heartbeat \(.settings.heartbeatSeconds) s)", "\(.ingest.nodes), ready in \(.nodesReadySeconds) s"],
  ["ingest, \(.ingest.clients) clients", "\(.ingest.eventsAcknowledged) events in \(.ingest.seconds) s = \(.ingest.eventsPerSecond) events/s"],
  (if .oneNode then ["same client, 1 Solo node (own database)", "\(.oneNode.eventsAcknowledged) events in \(.oneNode.seconds) s = \(.oneNode.eventsPerSecond) events/s (\((.oneNode.ratioToCopy // 0) * 1000 | round / 10) % of COPY); \(.ingest.nodes) nodes = \(.ingest.eventsPerSecond / .oneNode.eventsPerSecond * 100 | round) % of it"] else empty end),
  ["raw COPY of the same events, same server", "\(.copyBaseline.rowsPerSecond) rows/s (ingest = \((.ingest.ratioToCopy // 0) * 100 | . * 10 | round / 10) % of it)"],
  ["requests / batches retried on another node", "\(.ingest.requests) / \(.ingest.batchesRetried) (\(.ingest.failedAttempts | to_entries | map("\(.key) \(.value)") | join(", ")))"],
  ["killed (SIGKILL)", "node \(.kill.killedNode) (pid \(.kill.killedPid)\(if .kill.killedWasLeader then ", the leader" else "" end)) at \(.kill.atIngestSecond) s, analytics at \(.kill.positionAtKill)"],
  ["time to recover (kill -> progressing on node \(.kill.newOwner))", "\(.kill.recoverySeconds) s (reassigned after \(.kill.reassignedSeconds) s)"],
  ["catch-up after ingest stopped", "\(.catchUp.seconds) s to position \(.catchUp.position)"],
  ["(a) acknowledged events stored exactly once", "\(yes(.exactlyOnce.passed)): \(.exactlyOnce.acknowledged) acked, \(.exactlyOnce.storedEvents) stored, \(.exactlyOnce.missing) missing, \(.exactlyOnce.duplicated) duplicated, \(.exactlyOnce.unacknowledged) unacked; \(.ingest.batchesRejected) batches lost"],
  ["(b) projection resumed on another node", yes(.kill.recoverySeconds != null)],
  ["(c) analytics = single-node rebuild", "\(yes(.rebuildComparison.identical)): \(.rebuildComparison.tables) tables, \(.rebuildComparison.rows) rows"],
  ["all checks", yes(.passed)]
  | @tsv' "$OUT" | column -t -s $'\t'
echo
say "results: $OUT"
jq -e '.passed' "$OUT" >/dev/null
