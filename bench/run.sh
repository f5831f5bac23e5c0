#!/usr/bin/env bash
# Runs a bench scenario from the repository root with a JDK >= 21 (found like demo.sh does), building the bench
# jar and the packaged apps first when they are missing.
#   bench/run.sh fanout --clients 100,500,1000,2000 --reps 3 --idle 2000     (about 30 minutes)
#   bench/run.sh recovery --reps 20
#   bench/run.sh soak --duration 10m
#   bench/run.sh pubsub     (Redis and the bench only)
# Results (JSON, Markdown, PNG charts) go to bench/results/<scenario>-<UTC stamp>/, to be committed, unless --out
# says otherwise; app logs, the send log and copies of the apps stay out of git (fanout: bench/target/work/).
set -euo pipefail
cd "$(dirname "$0")/.."
. ./.mvn/pick-jdk.sh
if [ "${1:-}" = pubsub ]; then
  # Needs no packaged service, only the bench jar.
  [ -f bench/target/bench.jar ] || ./mvnw -B -ntp -pl bench -am package -DskipTests
  exec "$JAVA_HOME/bin/java" -Xmx2g -Djava.awt.headless=true -jar bench/target/bench.jar "$@"
fi
missing=false
for m in kite-sim smartapi-sim session-service auth-service feed-service gateway; do
  [ -f "$m/target/quarkus-app/quarkus-run.jar" ] || missing=true
done
if [ "$missing" = true ] || [ ! -f bench/target/bench.jar ]; then
  ./mvnw -B -ntp -pl kite-sim,smartapi-sim,session-service,auth-service,feed-service,gateway,bench -am package -DskipTests
fi
exec "$JAVA_HOME/bin/java" -Xmx2g -Djava.awt.headless=true -jar bench/target/bench.jar "$@"
