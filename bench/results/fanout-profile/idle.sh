#!/usr/bin/env bash
# usage: idle.sh NAME -- 2000 idle sockets, class histograms of the gateway before and with them
set -u
name=$1
cd "$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"; . ./.mvn/pick-jdk.sh
out=/tmp/fo-idle-$name; rm -rf $out; mkdir -p $out
cat /proc/loadavg > $out/loadavg-start.txt
bench/run.sh fanout --clients 100 --symbols 50 --duration 10s --warmup 5s --idle 2000 --peer none --out $out > $out/stdout.txt 2>&1 &
bpid=$!
until grep -q 'upstream .*ready' $out/stdout.txt 2>/dev/null; do sleep 1; kill -0 $bpid 2>/dev/null || exit 1; done
gpid=$(pgrep -f "$out.*gateway.*quarkus-run.jar" | head -1)
port=$(ss -ltnp | grep "pid=$gpid," | grep -o ':[0-9]* ' | head -1 | tr -d ': ')
echo "gateway pid $gpid port $port" > $out/idle.txt
"$JAVA_HOME/bin/jcmd" $gpid GC.class_histogram > $out/histo-before.txt
for i in $(seq 1 120); do
  n=$(ss -tn state established "( sport = :$port )" | tail -n +2 | wc -l)
  [ "$n" -ge 2000 ] && break; sleep 0.5
done
sleep 3
echo "established $n" >> $out/idle.txt
"$JAVA_HOME/bin/jcmd" $gpid GC.class_histogram > $out/histo-idle.txt
cat /proc/loadavg > $out/loadavg-histo.txt
wait $bpid; echo "rc=$?" >> $out/stdout.txt
