#!/bin/bash
# CPU of the service second by second during and after 10 s of 8 parallel keep-alive clients: $1 root $2 side $3 port
R=$1; S=$2; P=$3; W=/tmp/rc
SKILLSLEDGER_WARM_FIGURES=0 SKILLSLEDGER_RATE_LIMIT=100000000 dotnet $R/src/SkillsLedger/bin/Release/net10.0/skillsledger.dll serve --data-dir $W/$S --urls http://127.0.0.1:$P > /tmp/tail-$S.log 2>&1 &
for i in $(seq 1 90); do curl -sf http://127.0.0.1:$P/health/ready >/dev/null && break; sleep 1; done
PID=$(pgrep -f "serve --data-dir $W/$S" | head -1)
K=$(cat $W/$S.key)
for i in $(seq 1 2000); do printf 'url = "http://127.0.0.1:%s/api/people/E%06d/skills"\noutput = /dev/null\n' $P $((i % 400 + 1)); done > /tmp/tail-$S.urls
load() { end=$((SECONDS+$1)); while [ $SECONDS -lt $end ]; do curl -s -K /tmp/tail-$S.urls -H "Authorization: Bearer $K" -o /dev/null; done; }
LP=(); for c in 1 2 3 4 5 6 7 8; do load 10 & LP+=($!); done
prev=$(sed 's/.*) //' /proc/$PID/stat | awk '{print $12+$13}'); out=""
for i in $(seq 1 22); do sleep 1; now=$(sed 's/.*) //' /proc/$PID/stat | awk '{print $12+$13}'); out="$out $((now-prev))"; prev=$now; done
wait "${LP[@]}"
echo "$R ticks/s (10 s load, then idle):$out"
kill $PID; sleep 3
