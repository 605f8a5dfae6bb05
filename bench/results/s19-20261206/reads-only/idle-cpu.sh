#!/bin/bash
# idle CPU of serve: $1 = bin dir root, $2 = label
ROOT=$1; LABEL=$2; W=/tmp/idle-$LABEL; rm -rf $W; mkdir -p $W
BIN="dotnet $ROOT/src/SkillsLedger/bin/Release/net10.0/skillsledger.dll"
$BIN demo --people 500 --data-dir $W/data > $W/demo.log 2>&1
SKILLSLEDGER_WARM_FIGURES=0 $BIN serve --data-dir $W/data --urls http://127.0.0.1:$3 > $W/serve.log 2>&1 &
SERVER=$!
for i in $(seq 1 60); do curl -sf http://127.0.0.1:$3/health/ready >/dev/null && break; sleep 1; done
sleep 20
PID=$(pgrep -f "skillsledger.dll serve --data-dir $W/data" | head -1)
t0=$(awk '{print $14+$15}' /proc/$PID/stat); sleep 30; t1=$(awk '{print $14+$15}' /proc/$PID/stat)
echo "$LABEL idle CPU over 30 s: $(( (t1-t0) )) ticks (1/100 s)"
PGT0=$(for p in $(pgrep -u postgres -f "$W/data" ); do awk '{print $14+$15}' /proc/$p/stat; done | paste -sd+ | bc)
kill $SERVER; wait $SERVER 2>/dev/null
