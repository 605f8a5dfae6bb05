#!/usr/bin/env bash
# Server render time of every dashboard page on the demo organisation (issue 18: p95 under 300 ms at 2,000 people).
# Usage: bench/dashboard.sh [PEOPLE] [REQUESTS_PER_PAGE]    (defaults 2000 and 30; Release build; TIMEOUT=seconds per GET)
# Above 20,000 people the organisation is generated, imported and rebuilt instead of loaded by `demo`.
# Loads the demo into a private data directory, serves it, signs in once as the admin (cookie + anti-forgery form, as a
# browser does) and times REQUESTS_PER_PAGE sequential GETs of each page with curl (time to the last byte, loopback).
# Prints per page: n, median, p95 and max in milliseconds. The first request of each page is a warm-up, not counted.
# DATA=dir KEY=slk_… reuse a data directory built before (e.g. the 100,000-person one, ~15 min to build) and its admin key.
# WAIT=seconds: pause after the server is ready, so `serve` can compute the slow figures ahead of time as in production.
set -euo pipefail
PEOPLE=${1:-2000}
N=${2:-30}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/sl-dashboard-bench.XXXXXX)
PORT=${PORT:-5187}   # PORT=…: another port when 5187 is taken (two benches at once)
BIN="dotnet $ROOT/src/SkillsLedger/bin/Release/net10.0/skillsledger.dll"
dotnet build -c Release "$ROOT/src/SkillsLedger" -v q -nologo >/dev/null
DATADIR="$WORK/data"
if [ -n "${DATA:-}" ]; then
  # Used in place (not through a link under $WORK: PostgreSQL runs as another user, who cannot enter $WORK).
  echo "reusing $DATA" >&2
  DATADIR="$DATA"
elif [ "$PEOPLE" -le 20000 ]; then
  echo "demo: $PEOPLE people into $WORK/data" >&2
  KEY=$($BIN demo --people "$PEOPLE" --data-dir "$WORK/data" | sed -n 's/.*admin key: \(slk_[A-Za-z0-9_-]*\).*/\1/p' | head -1)
else
  # The demo appends through the normal path and writes the report; at this size the same organisation is generated to
  # a file, bulk-imported and its projections rebuilt, as an operator would load a large history.
  echo "generate + import + rebuild: $PEOPLE people into $WORK/data" >&2
  $BIN generate --people "$PEOPLE" --out "$WORK/org.jsonl" >&2
  $BIN import "$WORK/org.jsonl" --data-dir "$WORK/data" >&2
  rm -f "$WORK/org.jsonl"
  $BIN rebuild --data-dir "$WORK/data" >&2
  KEY=$($BIN keys create --data-dir "$WORK/data" --org default --role admin --name bench | grep -o 'slk_[A-Za-z0-9_-]*' | head -1)
fi
# WRITE=1: while the pages are timed, append one assessment per second through the API (a ledger being written to;
#   slow figures are then answered from their last computation, and the pages say so).
# AS_OF=YYYY-MM-DD: the date asked (default yesterday); today is what `serve` computes ahead of time and what a page shows when none is chosen.
AS_OF=${AS_OF:-$(date -u -d yesterday +%F)}
$BIN serve --data-dir "$DATADIR" --urls "http://127.0.0.1:$PORT" >"$WORK/serve.log" 2>&1 &
SERVER=$!
# SERVE_LOG=file keeps the server's log (each figure computed in a second or more is logged with its time).
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; [ -n "${SERVE_LOG:-}" ] && cp "$WORK/serve.log" "$SERVE_LOG"; rm -rf "$WORK"' EXIT
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 1; done
[ -n "${WAIT:-}" ] && { echo "waiting ${WAIT} s for the figures computed ahead of time" >&2; sleep "$WAIT"; }
JAR="$WORK/cookies"
TOKEN=$(curl -s -c "$JAR" "http://127.0.0.1:$PORT/sign-in" | sed -n 's/.*name="__csrf" value="\([^"]*\)".*/\1/p' | head -1)
curl -s -b "$JAR" -c "$JAR" -o /dev/null --data-urlencode "key=$KEY" --data-urlencode "__csrf=$TOKEN" "http://127.0.0.1:$PORT/sign-in?return=%2F"
TEAM=$(curl -s -b "$JAR" "http://127.0.0.1:$PORT/skills-map" | sed -n 's/.*<a href="\/teams\/\([^"]*\)".*/\1/p' | head -1)
PERSON=$(curl -s -b "$JAR" "http://127.0.0.1:$PORT/teams/$TEAM" | sed -n 's/.*<a href="\/people\/\([^"]*\)".*/\1/p' | head -1)
SKILL=$(curl -s -b "$JAR" "http://127.0.0.1:$PORT/people/$PERSON" | sed -n 's/.*\/skills\/\([^?"]*\)?.*/\1/p' | head -1)
if [ -n "${WRITE:-}" ]; then
  ( while true; do
      curl -s -o /dev/null -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
        --data "{\"events\":[{\"type\":\"skill_assessed\",\"personId\":\"$PERSON\",\"skill\":\"$SKILL\",\"level\":3,\"method\":\"manager\",\"occurredAt\":\"$(date -u +%FT%TZ)\"}]}" \
        "http://127.0.0.1:$PORT/api/events"
      sleep 1
    done ) &
  WRITER=$!
  trap 'kill $WRITER 2>/dev/null; kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; [ -n "${SERVE_LOG:-}" ] && cp "$WORK/serve.log" "$SERVE_LOG"; rm -rf "$WORK"' EXIT
  echo "appending one assessment per second for $PERSON ($SKILL)" >&2
fi
printf '%-40s %5s %8s %8s %8s\n' page n median_ms p95_ms max_ms
for path in "/?asOf=$AS_OF" /skills-map "/teams/$TEAM" "/people/$PERSON?asOf=$AS_OF" "/people/$PERSON/skills/$SKILL?asOf=$AS_OF" \
            "/retention?asOf=$AS_OF" "/programmes?asOf=$AS_OF" "/strategy?asOf=$AS_OF" /audit; do
  first=$(curl -s -m "${TIMEOUT:-300}" -b "$JAR" -o /dev/null -w '%{http_code} %{time_total}' "http://127.0.0.1:$PORT$path" || true)
  echo "first GET $path: $first s" >&2
  [ "${first%% *}" = 200 ] || { echo "GET $path → $first (TIMEOUT=${TIMEOUT:-300} s)" >&2; continue; }
  for _ in $(seq 1 "$N"); do curl -s -m "${TIMEOUT:-300}" -b "$JAR" -o "$WORK/page.html" -w '%{time_total}\n' "http://127.0.0.1:$PORT$path"
    if grep -q 'id="figures-earlier"' "$WORK/page.html"; then echo "earlier figures: $path" >&2; fi; done |
    sort -g | awk -v p="${path%%\?*}" '{ t[NR] = $1 * 1000 } END { printf "%-40s %5d %8.1f %8.1f %8.1f\n", p, NR, t[int((NR + 1) / 2)], t[int(NR * 0.95 + 0.999)], t[NR] }'
done
