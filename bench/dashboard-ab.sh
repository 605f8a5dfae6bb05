#!/usr/bin/env bash
# Two builds' dashboard render times side by side, under the same load: each serves its own copy of the same demo
# organisation and the GETs alternate between them (A then B, then B then A), so a busy shared machine slows both
# alike. For a change to how pages are rendered, where bench/dashboard.sh run before and after differs by the load.
# Usage: bench/dashboard-ab.sh DIR_A DIR_B [PEOPLE] [REQUESTS_PER_PAGE]   (DIR_*: checkouts; each is built in Release)
# Prints per page: n, then median and p95 in milliseconds for A and for B. The first request of each page is a warm-up.
set -euo pipefail
A=$(cd "$1" && pwd); B=$(cd "$2" && pwd)
PEOPLE=${3:-2000}
N=${4:-30}
WORK=$(mktemp -d /tmp/sl-dashboard-ab.XXXXXX)
AS_OF=${AS_OF:-$(date -u -d yesterday +%F)}
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; rm -rf "$WORK"' EXIT
start() { # side dir port → signs in, leaves the cookie jar in $WORK/side.jar
  local side=$1 dir=$2 port=$3 bin="dotnet $2/src/SkillsLedger/bin/Release/net10.0/skillsledger.dll" key token
  dotnet build -c Release "$dir/src/SkillsLedger" -v q -nologo >&2
  key=$($bin demo --people "$PEOPLE" --data-dir "$WORK/$side" | sed -n 's/.*admin key: \(slk_[A-Za-z0-9_-]*\).*/\1/p' | head -1)
  $bin serve --data-dir "$WORK/$side" --urls "http://127.0.0.1:$port" >"$WORK/$side.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 1; done
  token=$(curl -s -c "$WORK/$side.jar" "http://127.0.0.1:$port/sign-in" | sed -n 's/.*name="__csrf" value="\([^"]*\)".*/\1/p' | head -1)
  curl -s -b "$WORK/$side.jar" -c "$WORK/$side.jar" -o /dev/null --data-urlencode "key=$key" --data-urlencode "__csrf=$token" "http://127.0.0.1:$port/sign-in?return=%2F"
}
start a "$A" 5195
start b "$B" 5196
get() { curl -s -m 300 -b "$WORK/$1.jar" -o /dev/null -w '%{http_code} %{time_total}\n' "http://127.0.0.1:$2$3"; }
TEAM=$(curl -s -b "$WORK/a.jar" "http://127.0.0.1:5195/skills-map" | sed -n 's/.*<a href="\/teams\/\([^"]*\)".*/\1/p' | head -1)
PERSON=$(curl -s -b "$WORK/a.jar" "http://127.0.0.1:5195/teams/$TEAM" | sed -n 's/.*<a href="\/people\/\([^"]*\)".*/\1/p' | head -1)
stats() { sort -g | awk '{ t[NR] = $1 * 1000 } END { printf "%8.1f %8.1f", t[int((NR + 1) / 2)], t[int(NR * 0.95 + 0.999)] }'; }
printf '%-28s %4s %8s %8s %8s %8s\n' page n A_median A_p95 B_median B_p95
for path in "/?asOf=$AS_OF" /skills-map "/teams/$TEAM" "/people/$PERSON?asOf=$AS_OF" "/retention?asOf=$AS_OF" "/programmes?asOf=$AS_OF" \
            "/strategy?asOf=$AS_OF" /audit; do
  for side in "a 5195" "b 5196"; do set -- $side; echo "first GET $1 $path: $(get "$1" "$2" "$path")" >&2; done
  : >"$WORK/ta"; : >"$WORK/tb"
  for i in $(seq 1 "$N"); do
    if [ $((i % 2)) -eq 1 ]; then get a 5195 "$path" | cut -d' ' -f2 >>"$WORK/ta"; get b 5196 "$path" | cut -d' ' -f2 >>"$WORK/tb"
    else get b 5196 "$path" | cut -d' ' -f2 >>"$WORK/tb"; get a 5195 "$path" | cut -d' ' -f2 >>"$WORK/ta"; fi
  done
  printf '%-28s %4d %s %s\n' "${path%%\?*}" "$N" "$(stats <"$WORK/ta")" "$(stats <"$WORK/tb")"
done
