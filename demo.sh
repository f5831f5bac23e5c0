#!/usr/bin/env bash
# One command for the whole system on embedded defaults: Redis, kite-sim and the four services (two feed
# replicas), JVM mode, default ports. No Kite account needed. Ctrl-C stops everything.
#
# Angel One instead of Kite: BROKER=angel ./demo.sh starts smartapi-sim (port 8091) instead of kite-sim, and
# auth-service logs in by itself with the sim's client code, PIN and TOTP secret: no Login click.
#
# Against real Kite instead of the sim, export before running:
#   KITE_API_KEY, KITE_API_SECRET, TOKEN_ENCRYPTION_KEY (base64, 256 bit), and DEMO_USE_SIM=false
#   (KITE_API_URL, KITE_WS_URL and KITE_LOGIN_URL then default to Zerodha's; register
#    http://localhost:8082/api/auth/callback as the app's redirect URL).
# Against real Angel One: BROKER=angel DEMO_USE_SIM=false with ANGEL_API_KEY, ANGEL_CLIENT_CODE, ANGEL_PIN,
#   ANGEL_TOTP_SECRET and TOKEN_ENCRYPTION_KEY exported (the URLs default to Angel One's). Only auth-service is
#   given the PIN and the TOTP secret.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
. "$ROOT/.mvn/pick-jdk.sh"
JAVA="$JAVA_HOME/bin/java"
# On JDK >= 25 the apps are built with a JDK AOT cache (-Daot: classes loaded and linked ahead of time) and started
# with it; on JDK 21 (no -XX:AOTCache) they are built and started as before.
JAVA_MAJOR=$(_tw_java_major "$JAVA_HOME")
AOT=false
[ "${JAVA_MAJOR:-0}" -ge 25 ] && [ "${DEMO_AOT:-true}" = "true" ] && AOT=true
JDK_BUILD="$JAVA_HOME $(sed -n 's/^JAVA_RUNTIME_VERSION=//p' "$JAVA_HOME/release" 2>/dev/null)"
# The JVM flags every app starts with (docs/performance.md "Start time and idle memory").
JVM_FLAGS=(${DEMO_JVM_FLAGS:--Xmx256m})

LOGS="${DEMO_LOG_DIR:-$ROOT/logs}"
mkdir -p "$LOGS"
USE_SIM="${DEMO_USE_SIM:-true}"
export BROKER="${BROKER:-kite}"
case "$BROKER" in kite|angel) ;; *) echo "demo: BROKER must be kite or angel, not '$BROKER'"; exit 1;; esac
REDIS_PORT="${REDIS_PORT:-6379}"
export REDIS_URL="${REDIS_URL:-redis://localhost:$REDIS_PORT}"
export ADMIN_API_KEY="${ADMIN_API_KEY:-demo-admin}"
export GATEWAY_API_KEYS="${GATEWAY_API_KEYS:-demo-key}"
# A fixed demo key: fine for a sim on localhost, never for real tokens (set your own for real Kite).
export TOKEN_ENCRYPTION_KEY="${TOKEN_ENCRYPTION_KEY:-ZGVtby1vbmx5LWtleS1uZXZlci11c2UtZm9yLXJlYWw=}"
if [ "$USE_SIM" = "true" ]; then
  export KITE_API_URL="${KITE_API_URL:-http://localhost:8090}"
  export KITE_WS_URL="${KITE_WS_URL:-ws://localhost:8090}"
  export KITE_LOGIN_URL="${KITE_LOGIN_URL:-http://localhost:8090/connect/login}"
  export KITE_API_KEY="${KITE_API_KEY:-sim_api_key}"
  export KITE_API_SECRET="${KITE_API_SECRET:-sim_api_secret}"
  export KITE_SIM_REDIRECT_URL="${KITE_SIM_REDIRECT_URL:-http://localhost:8082/api/auth/callback}"
  # The demo keys are deliberately simple; this lets auth-service accept them (never set it for real).
  export AUTH_ALLOW_DEMO_SECRETS="${AUTH_ALLOW_DEMO_SECRETS:-true}"
  if [ "$BROKER" = "angel" ]; then
    export ANGEL_API_URL="${ANGEL_API_URL:-http://localhost:8091}"
    export ANGEL_WS_URL="${ANGEL_WS_URL:-ws://localhost:8091/smart-stream}"
    export ANGEL_INSTRUMENTS_URL="${ANGEL_INSTRUMENTS_URL:-http://localhost:8091/OpenAPI_File/files/OpenAPIScripMaster.json}"
    export ANGEL_API_KEY="${ANGEL_API_KEY:-sim_angel_api_key}"
    export ANGEL_CLIENT_CODE="${ANGEL_CLIENT_CODE:-S100001}"
    # smartapi-sim's demo account (its defaults); never real secrets.
    export ANGEL_PIN="${ANGEL_PIN:-1111}"
    export ANGEL_TOTP_SECRET="${ANGEL_TOTP_SECRET:-GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ}"
  fi
fi
export GATEWAY_URL="${GATEWAY_URL:-http://localhost:8080/}"
# The gateway probes both feed replicas, so a dead standby shows in its health too.
export FEED_SERVICE_URL="${FEED_SERVICE_URL:-http://localhost:8083,http://localhost:8084}"
export FEED_WATCHLIST="${FEED_WATCHLIST:-NSE:NIFTY 50,NSE:NIFTY BANK,NSE:INFY,NSE:RELIANCE,NSE:TCS,NSE:HDFCBANK}"

PIDS=()
TRAINING=()
cleanup() {
  trap - INT TERM EXIT
  echo
  echo "demo: stopping..."
  for ((i=${#PIDS[@]}-1; i>=0; i--)); do kill "${PIDS[$i]}" 2>/dev/null || true; done
  [ "${#TRAINING[@]}" -gt 0 ] && echo "demo: the apps write their AOT caches as they exit (first run only; up to a minute)..."
  wait 2>/dev/null || true
  # A cache recorded by this run's full start replaces the build's (it holds what the app loaded up to ready and
  # beyond, not only Quarkus's short build-time start). feed-service ran twice: the first recording wins.
  for m in "${TRAINING[@]}"; do
    local dir="$m/target/quarkus-app" rec
    rec=$(ls "$dir"/app-trained-*.aot 2>/dev/null | head -1)
    if [ -n "$rec" ] && [ -s "$rec" ]; then mv -f "$rec" "$dir/app.aot" && touch "$dir/.aot-trained"; fi
    rm -f "$dir"/app-trained-*.aot
  done
  echo "demo: stopped. Logs are in $LOGS"
}
trap cleanup INT TERM EXIT

modules=(kite-sim smartapi-sim session-service auth-service feed-service gateway)
need_build=false
for m in "${modules[@]}"; do
  jar="$m/target/quarkus-app/quarkus-run.jar"
  if [ ! -f "$jar" ] || [ -n "$(find "$m/src/main" -newer "$jar" -type f -print -quit 2>/dev/null)" ]; then
    need_build=true
  fi
  # An AOT cache recorded by another JDK is ignored by the JVM (it starts without it), so rebuild to get one.
  if [ "$AOT" = "true" ] && { [ ! -f "$m/target/quarkus-app/app.aot" ] || [ "$(cat "$m/target/quarkus-app/.aot-jdk" 2>/dev/null)" != "$JDK_BUILD" ]; }; then
    need_build=true
  fi
done
if [ "$need_build" = "true" ]; then
  aot_opt=()
  [ "$AOT" = "true" ] && aot_opt=(-Daot)
  echo "demo: building (first time takes a few minutes; log in $LOGS/build.log)..."
  ./mvnw -B -ntp -DskipTests "${aot_opt[@]}" -pl "$(IFS=,; echo "${modules[*]}")" -am install > "$LOGS/build.log" 2>&1 || { tail -40 "$LOGS/build.log"; exit 1; }
  if [ "$AOT" = "true" ]; then
    for m in "${modules[@]}"; do
      echo "$JDK_BUILD" > "$m/target/quarkus-app/.aot-jdk"
      rm -f "$m/target/quarkus-app/.aot-trained"
    done
  fi
fi

wait_ready() { # name url
  local name=$1 url=$2
  for _ in $(seq 1 120); do
    if curl -fs "$url" >/dev/null 2>&1; then echo "demo: $name ready"; return 0; fi
    sleep 0.5
  done
  echo "demo: $name did not become ready; see $LOGS/$name.log"; tail -20 "$LOGS/$name.log"; exit 1
}

start_app() { # name port [extra -D options...]
  local name=$1 port=$2; shift 2
  local module=${name%-[0-9]*}
  # Angel One's PIN and TOTP secret reach auth-service only.
  local hide=(-u ANGEL_PIN -u ANGEL_TOTP_SECRET -u ANGEL_PIN_FILE -u ANGEL_TOTP_SECRET_FILE)
  [ "$module" = "auth-service" ] && hide=()
  local aot=() dir="$module/target/quarkus-app"
  if [ "$AOT" = "true" ] && [ -f "$dir/app.aot" ]; then
    if [ -f "$dir/.aot-trained" ]; then
      aot=(-XX:AOTCache=app.aot)
    else
      # First run after a build: record the cache from this real start (written when the demo stops), and start
      # without one this time; later runs start from it (docs/performance.md "Start time and idle memory").
      aot=(-XX:AOTCacheOutput="app-trained-$name.aot")
      [[ " ${TRAINING[*]} " == *" $module "* ]] || TRAINING+=("$module")
    fi
  fi
  # From the app's directory, as the cache was recorded (its class path is relative to quarkus-run.jar).
  (cd "$module/target/quarkus-app" && exec env "${hide[@]}" "$JAVA" "${JVM_FLAGS[@]}" "${aot[@]}" \
    -Dquarkus.http.port="$port" "$@" -jar quarkus-run.jar) > "$LOGS/$name.log" 2>&1 &
  PIDS+=($!)
  wait_ready "$name" "http://localhost:$port/q/health/ready"
}

# --- Redis: the system's redis-server, else the static build bundled in the embedded-redis Maven artifact.
if redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
  echo "demo: using the Redis already listening on $REDIS_PORT"
else
  REDIS_BIN=$(command -v redis-server || true)
  if [ -z "$REDIS_BIN" ]; then
    jar=$(find "$HOME/.m2/repository/org/signal/embedded-redis" -name 'embedded-redis-*.jar' | head -1)
    [ -n "$jar" ] || { echo "demo: no redis-server and no embedded-redis jar; run ./mvnw install first"; exit 1; }
    mkdir -p "$LOGS/redis-bin"
    (cd "$LOGS/redis-bin" && "$JAVA_HOME/bin/jar" xf "$jar" redis-server-7.0.15-linux-amd64)
    REDIS_BIN="$LOGS/redis-bin/redis-server-7.0.15-linux-amd64"
    chmod +x "$REDIS_BIN"
  fi
  "$REDIS_BIN" --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$LOGS" \
    > "$LOGS/redis.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 40); do (echo > "/dev/tcp/127.0.0.1/$REDIS_PORT") 2>/dev/null && break; sleep 0.25; done
  echo "demo: redis on $REDIS_PORT ($REDIS_BIN)"
fi

if [ "$USE_SIM" = "true" ]; then
  if [ "$BROKER" = "angel" ]; then start_app smartapi-sim 8091; else start_app kite-sim 8090; fi
fi
[ -d session-service/target/quarkus-app ] && start_app session-service 8081 \
  -Dsession.clock-start="${SESSION_CLOCK_START:-auto}" -Dsession.clock-speed="${SESSION_CLOCK_SPEED:-1}"
[ -d auth-service/target/quarkus-app ] && start_app auth-service 8082
[ -d feed-service/target/quarkus-app ] && start_app feed-service-1 8083 && start_app feed-service-2 8084
[ -d gateway/target/quarkus-app ] && start_app gateway 8080

if command -v curl >/dev/null 2>&1 && [ -d session-service/target/quarkus-app ]; then
  clock=$(curl -fs "http://localhost:8081/api/session?exchange=NSE" || true)
  case "$clock" in *'"clock_simulated":true'*)
    echo "demo: the NSE market is closed right now, so the session clock is SIMULATED from an open instant";;
  esac
fi

if [ "$BROKER" = "angel" ]; then
  LOGIN_HOW="automatic: auth-service logs in to Angel One with the PIN and TOTP (state: http://localhost:8082/api/auth/state)"
else
  LOGIN_HOW="click Login on the dashboard (kite-sim approves at once)
               or: curl -sL -c /tmp/c -b /tmp/c http://localhost:8082/api/auth/login > /dev/null"
fi
cat <<MSG

  Broker:      $BROKER
  Dashboard:   http://localhost:8080/?token=$GATEWAY_API_KEYS
  Log in:      $LOGIN_HOW
  WebSocket:   ws://localhost:8080/ws/market?token=$GATEWAY_API_KEYS
  Health:      http://localhost:8080/api/system/health
  Logs:        $LOGS/
  Ctrl-C stops everything.

MSG
wait
