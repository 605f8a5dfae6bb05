#!/bin/bash
# service CPU per person-level read, sequential keep-alive requests from one curl: $1 root, $2 label, $3 port, $4 extra serve args
ROOT=$1; LABEL=$2; PORT=$3; EXTRA=$4; W=/tmp/pc-$LABEL
BIN="dotnet $ROOT/src/SkillsLedger/bin/Release/net10.0/skillsledger.dll"
if [ ! -d $W/data ]; then mkdir -p $W; KEY=$($BIN demo --people 500 --data-dir $W/data | sed -n 's/.*admin key: \(slk_[A-Za-z0-9_-]*\).*/\1/p' | head -1); echo $KEY > $W/key; fi
KEY=$(cat $W/key)
SKILLSLEDGER_RATE_LIMIT=10000000 SKILLSLEDGER_WARM_FIGURES=0 $BIN serve --data-dir $W/data --urls http://127.0.0.1:$PORT $EXTRA > $W/serve.log 2>&1 &
SERVER=$!
for i in $(seq 1 90); do curl -sf http://127.0.0.1:$PORT/health/ready >/dev/null && break; sleep 1; done
PERSON=$(curl -s -H "Authorization: Bearer $KEY" "http://127.0.0.1:$PORT/api/events/feed?limit=50" | grep -o '"personId":"[^"]*"' | head -1 | cut -d'"' -f4)
[ -z "$PERSON" ] && PERSON=E000001
URL="http://127.0.0.1:$PORT${ROUTE:-/api/people/$PERSON/skills}"
rm -f $W/urls; for i in $(seq 1 8000); do echo "url = \"$URL\""; echo "output = /dev/null"; done > $W/urls
curl -s -K $W/urls -H "Authorization: Bearer $KEY" -w "%{http_code}\n" | sort | uniq -c | head -3   # warm-up
sleep 5
PID=$(pgrep -f "skillsledger.dll serve --data-dir $W/data" | head -1)
t0=$(awk '{print $14+$15}' /proc/$PID/stat); s0=$(date +%s.%N)
curl -s -K $W/urls -H "Authorization: Bearer $KEY" -o /dev/null
t1=$(awk '{print $14+$15}' /proc/$PID/stat); s1=$(date +%s.%N)
echo "$LABEL $EXTRA person $PERSON: service CPU $(echo "($t1-$t0)*10/8000" | bc -l | cut -c1-5) ms per read, wall $(echo "($s1-$s0)*1000/8000" | bc -l | cut -c1-5) ms per read"
kill $SERVER; wait $SERVER 2>/dev/null
