#!/usr/bin/env bash
# usage: run.sh NAME [jfr]  -- one fanout run at 1000x50 with NATS; optional JFR over the gateway's measured window
set -u
name=$1; jfr=${2:-}
cd "$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
out=/tmp/fo-$name
rm -rf $out; mkdir -p $out
cat /proc/loadavg > $out/loadavg-start.txt
bench/run.sh fanout --clients 1000 --symbols 50 --duration 30s --warmup 10s --out $out > $out/stdout.txt 2>&1 &
bpid=$!
if [ -n "$jfr" ]; then
  until grep -q 'gateway: .*warm-up' $out/stdout.txt 2>/dev/null; do sleep 1; kill -0 $bpid 2>/dev/null || break; done
  gpid=$(pgrep -f "$out.*gateway.*quarkus-run.jar" | head -1)
  echo "gateway pid $gpid" >> $out/jfr.txt
  sleep 10
  . ./.mvn/pick-jdk.sh
  "$JAVA_HOME/bin/jcmd" $gpid JFR.start name=fo settings=profile duration=30s filename=$out/gateway.jfr >> $out/jfr.txt 2>&1
  cat /proc/loadavg > $out/loadavg-jfr.txt
fi
wait $bpid
echo "rc=$?" >> $out/stdout.txt
cat /proc/loadavg > $out/loadavg-end.txt
