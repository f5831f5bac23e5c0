#!/usr/bin/env bash
# One-command native verdict for a machine that has a builder: builds every service's native executable (with
# Mandrel/GraalVM's native-image on PATH, or else in Quarkus's Mandrel builder container), builds the native-micro
# images when a container engine is present, then smoke-tests the executables and the images: each starts and gets
# ready (/q/health/ready), a login goes through kite-sim, and a gateway WebSocket client receives a live tick.
#
#   native/build.sh                 build + images + smoke; exit 0 only if everything passed
#   native/build.sh --skip-build    smoke what is already built
#   native/build.sh --no-images     executables only
#   native/build.sh --jvm           the same smoke against the JVM jars (checks this script where no builder exists)
#
# Needs a JDK >= 21 (for Maven and the WebSocket client), curl, and free ports 6379 (or REDIS_PORT), 8080-8084, 8090.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
. "$ROOT/.mvn/pick-jdk.sh"
JAVA="$JAVA_HOME/bin/java"

MODULES=(kite-sim session-service auth-service feed-service gateway)
OUT="${NATIVE_SMOKE_DIR:-$ROOT/native/target}"
mkdir -p "$OUT"
BUILD=true IMAGES=true MODE=native
for arg in "$@"; do
  case "$arg" in
    --skip-build) BUILD=false ;;
    --no-images) IMAGES=false ;;
    --jvm) MODE=jvm IMAGES=false ;;
    *) echo "usage: $0 [--skip-build] [--no-images] [--jvm]" >&2; exit 2 ;;
  esac
done

ENGINE=""
for e in docker podman; do command -v "$e" >/dev/null 2>&1 && { ENGINE=$e; break; }; done
[ -z "$ENGINE" ] && IMAGES=false

RESULTS=()
record() { RESULTS+=("$1"); echo "native: $1"; }

# --- Build ---------------------------------------------------------------------------------------------------------
if [ "$BUILD" = "true" ]; then
  started=$(date +%s)
  args=(-B -ntp -DskipTests -pl "$(IFS=,; echo "${MODULES[*]}")" -am package)
  if [ "$MODE" = "native" ]; then
    if command -v native-image >/dev/null 2>&1; then
      echo "native: building with $(native-image --version 2>&1 | head -1)"
      args+=(-Dnative)
    elif [ -n "$ENGINE" ]; then
      # Quarkus's default builder image for 3.32 (Mandrel for JDK 25); the args Quarkus writes target it.
      echo "native: no native-image on PATH; building in Quarkus's Mandrel builder container with $ENGINE"
      args+=(-Dnative -Dquarkus.native.container-build=true -Dquarkus.native.container-runtime="$ENGINE")
    else
      echo "native: needs native-image (Mandrel/GraalVM) on PATH or docker/podman; neither is here." >&2
      echo "native: what can be checked without them: see docs/operations.md (native sources)." >&2
      exit 2
    fi
  fi
  echo "native: ./mvnw ${args[*]} (log: $OUT/build.log)"
  if ./mvnw "${args[@]}" > "$OUT/build.log" 2>&1; then
    record "PASS build ($MODE, $(( $(date +%s) - started )) s)"
  else
    tail -60 "$OUT/build.log"; record "FAIL build ($MODE): see $OUT/build.log"; exit 1
  fi
fi

if [ "$IMAGES" = "true" ]; then
  for m in "${MODULES[@]}"; do
    if "$ENGINE" build -f "$m/src/main/docker/Dockerfile.native-micro" -t "tickwarden/$m:native" "$m" \
        > "$OUT/image-$m.log" 2>&1; then
      record "PASS image tickwarden/$m:native"
    else
      record "FAIL image tickwarden/$m:native: see $OUT/image-$m.log"; IMAGES=false
    fi
  done
fi

# --- Smoke ---------------------------------------------------------------------------------------------------------
REDIS_PORT="${REDIS_PORT:-6379}"
export REDIS_URL="redis://localhost:$REDIS_PORT"
export ADMIN_API_KEY=demo-admin GATEWAY_API_KEYS=demo-key
# The demo's fixed key: a sim on localhost only.
export TOKEN_ENCRYPTION_KEY=ZGVtby1vbmx5LWtleS1uZXZlci11c2UtZm9yLXJlYWw=
export KITE_API_URL=http://localhost:8090 KITE_WS_URL=ws://localhost:8090
export KITE_LOGIN_URL=http://localhost:8090/connect/login
export KITE_API_KEY=sim_api_key KITE_API_SECRET=sim_api_secret AUTH_ALLOW_DEMO_SECRETS=true
export KITE_SIM_REDIRECT_URL=http://localhost:8082/api/auth/callback
export GATEWAY_URL=http://localhost:8080/ FEED_SERVICE_URL=http://localhost:8083
export FEED_WATCHLIST="NSE:INFY,NSE:RELIANCE"
# Simulated from the next open instant when NSE is closed, so the feed streams at any hour.
export SESSION_CLOCK_START=auto
ENV_NAMES=(REDIS_URL ADMIN_API_KEY GATEWAY_API_KEYS TOKEN_ENCRYPTION_KEY KITE_API_URL KITE_WS_URL KITE_LOGIN_URL
  KITE_API_KEY KITE_API_SECRET AUTH_ALLOW_DEMO_SECRETS KITE_SIM_REDIRECT_URL GATEWAY_URL FEED_SERVICE_URL
  FEED_WATCHLIST SESSION_CLOCK_START)
declare -A PORT=([kite-sim]=8090 [session-service]=8081 [auth-service]=8082 [feed-service]=8083 [gateway]=8080)

PIDS=() CONTAINERS=()
stop_all() {
  for ((i=${#PIDS[@]}-1; i>=0; i--)); do kill "${PIDS[$i]}" 2>/dev/null || true; done
  for c in "${CONTAINERS[@]}"; do "$ENGINE" rm -f "$c" >/dev/null 2>&1 || true; done
  wait 2>/dev/null || true
  PIDS=() CONTAINERS=()
}
trap stop_all EXIT INT TERM

free_port() { ! (echo > "/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_redis() {
  local bin
  bin=$(command -v redis-server || true)
  if [ -z "$bin" ]; then
    local jar
    jar=$(find "$HOME/.m2/repository/org/signal/embedded-redis" -name 'embedded-redis-*.jar' 2>/dev/null | head -1)
    [ -n "$jar" ] || { record "FAIL redis: no redis-server and no embedded-redis jar"; return 1; }
    (cd "$OUT" && "$JAVA_HOME/bin/jar" xf "$jar" redis-server-7.0.15-linux-amd64)
    bin="$OUT/redis-server-7.0.15-linux-amd64"; chmod +x "$bin"
  fi
  "$bin" --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$OUT" > "$OUT/redis.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 40); do free_port "$REDIS_PORT" || return 0; sleep 0.25; done
  record "FAIL redis did not start"; return 1
}

start() { # kind module
  local kind=$1 m=$2 log="$OUT/$1-$2.log"
  case "$kind" in
    native) QUARKUS_HTTP_PORT=${PORT[$m]} "$m/target/$m-1.0.0-SNAPSHOT-runner" > "$log" 2>&1 & PIDS+=($!) ;;
    jvm) QUARKUS_HTTP_PORT=${PORT[$m]} "$JAVA" -Xmx256m -jar "$m/target/quarkus-app/quarkus-run.jar" > "$log" 2>&1 &
      PIDS+=($!) ;;
    image)
      local envs=() n
      for n in "${ENV_NAMES[@]}"; do envs+=(-e "$n"); done
      "$ENGINE" run -d --network host --name "tw-native-$m" "${envs[@]}" -e QUARKUS_HTTP_PORT="${PORT[$m]}" \
        "tickwarden/$m:native" > "$log" 2>&1 && CONTAINERS+=("tw-native-$m") ;;
  esac
}

ready() { # kind module: waits up to 60 s for /q/health/ready
  local t0 url="http://localhost:${PORT[$2]}/q/health/ready"
  t0=$(date +%s%N)
  for _ in $(seq 1 240); do
    if curl -fs "$url" > /dev/null 2>&1; then
      record "PASS $1 $2 ready in $(( ($(date +%s%N) - t0) / 1000000 )) ms"; return 0
    fi
    sleep 0.25
  done
  [ "$1" = image ] && "$ENGINE" logs "tw-native-$2" > "$OUT/$1-$2.log" 2>&1 || true
  record "FAIL $1 $2 not ready in 60 s: see $OUT/$1-$2.log"; return 1
}

smoke() { # kind
  local kind=$1 m
  for port in "$REDIS_PORT" 8080 8081 8082 8083 8090; do
    free_port "$port" || { record "FAIL $kind smoke: port $port is in use"; return 1; }
  done
  start_redis || return 1
  for m in "${MODULES[@]}"; do
    start "$kind" "$m" && ready "$kind" "$m" || { stop_all; return 1; }
  done
  # Login as the dashboard's button does: auth-service -> kite-sim's login (approves at once) -> callback.
  rm -f "$OUT/cookies"
  if curl -fsSL -c "$OUT/cookies" -b "$OUT/cookies" -o /dev/null http://localhost:8082/api/auth/login \
      && curl -fs http://localhost:8082/api/auth/state | grep -q '"state":"VALID"'; then
    record "PASS $kind login through kite-sim: auth state VALID"
  else
    record "FAIL $kind login: auth state $(curl -s http://localhost:8082/api/auth/state)"; stop_all; return 1
  fi
  if "$JAVA" "$ROOT/native/TickClient.java" "ws://localhost:8080/ws/market?token=$GATEWAY_API_KEYS" NSE:INFY 60 \
      > "$OUT/$kind-client.log" 2>&1; then
    record "PASS $kind gateway client got a live tick: $(cut -c1-120 "$OUT/$kind-client.log")"
  else
    record "FAIL $kind no tick at the gateway client: $(cat "$OUT/$kind-client.log"); health: $(curl -s \
      http://localhost:8080/api/system/health | cut -c1-400)"
    stop_all; return 1
  fi
  for m in "${MODULES[@]}"; do
    [ "$kind" = image ] && continue
    grep -qiE "exception in thread|ClassNotFoundException|NoSuchMethodException|UnsupportedFeature|MissingReflectionRegistration" \
      "$OUT/$kind-$m.log" && record "FAIL $kind $m log has a native-image error: see $OUT/$kind-$m.log"
  done
  stop_all
}

if [ "$MODE" = jvm ]; then
  smoke jvm || true
else
  smoke native || true
  [ "$IMAGES" = "true" ] && { smoke image || true; }
fi

echo
echo "native: verdict"
failed=0
for r in "${RESULTS[@]}"; do echo "  $r"; case "$r" in FAIL*) failed=1 ;; esac; done
[ "$failed" = 0 ] && echo "native: ALL PASSED" || echo "native: FAILED"
exit "$failed"
