#!/usr/bin/env bash
# One fan-out run of the publish-as-decoded comparison, as it was run on 2 Dec 2026 (see README.md here).
#   run-one.sh <checkout> <name> <always|everysec> [more bench/run.sh options]
# From <checkout> (a clone of main for "before", the branch for "after", both already packaged), it runs
#   bench/run.sh fanout --clients 1000 --symbols 50 --instruments 3000 --duration 30s --out bench/target/results/<name>
# and writes bench/target/results/<name>/machine-load.txt: the 1-minute load and the other Maven builds running,
# every 5 s. With "everysec" it switches the bench's own redis-server (a descendant of the bench process) from
# appendfsync always to everysec with CONFIG SET as soon as it answers, before the services publish anything.
set -u
dir=$1; name=$2; fsync=$3; shift 3
out=bench/target/results/$name
cd "$dir" || exit 1
mkdir -p "$out"
( while true; do
    echo "$(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine-load.txt"
    for p in $(pgrep -f plexus-classworlds); do
      echo "  other: $(readlink /proc/$p/cwd) $(tr '\0' ' ' < /proc/$p/cmdline | grep -o 'Launcher.*' | cut -c10-120)" \
        >> "$out/machine-load.txt"
    done
    sleep 5
  done ) &
sampler=$!
bench/run.sh fanout --clients 1000 --symbols 50 --instruments 3000 --duration 30s --out "$out" "$@" \
  > "$out/../$name.log" 2>&1 &
bench=$!

descends() { # <pid> <ancestor>
  local p=$1
  while [ -n "$p" ] && [ "$p" -gt 1 ]; do
    [ "$p" = "$2" ] && return 0
    p=$(awk '{print $4}' "/proc/$p/stat" 2>/dev/null)
  done
  return 1
}

everysec() {
  for _ in $(seq 1 240); do
    for r in $(pgrep -f redis-server); do
      descends "$r" "$bench" || continue
      # redis-server retitles itself "redis-server 127.0.0.1:<port>"
      port=$(tr '\0' ' ' < "/proc/$r/cmdline" | grep -o -- '--port [0-9]*\|:[0-9][0-9]*' | head -1 | tr -dc 0-9)
      [ -n "$port" ] || continue
      reply=$( { exec 3<>"/dev/tcp/127.0.0.1/$port" \
        && printf '*4\r\n$6\r\nCONFIG\r\n$3\r\nSET\r\n$11\r\nappendfsync\r\n$8\r\neverysec\r\n' >&3 \
        && timeout 2 head -c 3 <&3; } 2>/dev/null )
      if [ "$reply" = "+OK" ]; then
        echo "$(date -u +%H:%M:%S) redis pid $r port $port: appendfsync everysec" >> "$out/machine-load.txt"
        return 0
      fi
    done
    sleep 0.5
  done
  echo "appendfsync NOT set" >> "$out/machine-load.txt"
}

[ "$fsync" = everysec ] && everysec
wait $bench
rc=$?
kill $sampler
exit $rc
