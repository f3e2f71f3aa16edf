#!/usr/bin/env bash
# Load benchmark of the gateway, all in one run against one small backend (an nginx that answers
# a fixed JSON body):
#   (a) backend direct
#   (b) gateway, bare route (public path, no rate limit; request id, headers, breaker, access log)
#   (c) gateway, every filter (RS256 token + role table + Redis rate limit + breaker + access log)
#   (d) nginx as a plain reverse proxy (keepalive upstream), the reference
# Needs: wrk and nginx (apt-get install wrk nginx), a JDK 25, Redis on 127.0.0.1:6379.
# Usage: gateway/bench/run.sh            (DURATION=15s THREADS=2 CONNECTIONS=32 to change the load)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BENCH="$ROOT/gateway/bench"
source "$ROOT/infra/dev/lib.sh"
pick_jdk # exports JAVA_HOME: the first JDK >= 25
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
BACKEND_PORT=${BACKEND_PORT:-18090}
PROXY_PORT=${PROXY_PORT:-18091}
GATEWAY_PORT=${GATEWAY_PORT:-18092}
MANAGEMENT_PORT=${MANAGEMENT_PORT:-18093}
PATH_UNDER_TEST=/api/v1/tasks
WORK=$(mktemp -d /tmp/gateway-bench.XXXXXX)
chmod 755 "$WORK" # nginx workers (nobody) read the JWKS file from here
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

for tool in wrk nginx curl; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install wrk nginx curl)" >&2; exit 1; }
done

# JAR=path/to/gateway.jar measures another build (to compare within one session; a build from
# before the management port answers no health on the public port then: use its own script).
JAR=${JAR:-$(ls "$ROOT"/gateway/target/gateway-*.jar 2>/dev/null | grep -v original | head -1 || true)}
if [[ -z "$JAR" ]]; then
  (cd "$ROOT" && ./mvnw -B -q -pl gateway -am package -DskipTests)
  JAR=$(ls "$ROOT"/gateway/target/gateway-*.jar | grep -v original | head -1)
fi

NIMBUS=$(ls ~/.m2/repository/com/nimbusds/nimbus-jose-jwt/*/nimbus-jose-jwt-*.jar | grep -v sources | sort -V | tail -1)
mkdir -p "$WORK/static/.well-known"
TOKEN=$("$JAVA_HOME/bin/java" -cp "$NIMBUS" "$BENCH/BenchTokens.java" "$WORK")
mv "$WORK/jwks.json" "$WORK/static/.well-known/jwks.json"

nginx_conf() { # name, server block
  cat > "$WORK/$1.conf" <<CONF
worker_processes 1;
daemon off;
pid $WORK/$1.pid;
error_log $WORK/$1-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/$1-body; proxy_temp_path $WORK/$1-proxy;
  fastcgi_temp_path $WORK/$1-fcgi; uwsgi_temp_path $WORK/$1-uwsgi; scgi_temp_path $WORK/$1-scgi;
  keepalive_requests 1000000;
  $2
}
CONF
  nginx -p "$WORK" -c "$WORK/$1.conf" &
  PIDS+=($!)
}

nginx_conf backend "server {
    listen 127.0.0.1:$BACKEND_PORT;
    location = /.well-known/jwks.json { root $WORK/static; default_type application/json; }
    location / { default_type application/json; return 200 '{\"data\":{\"id\":\"3f2b\",\"title\":\"bench\"}}'; }
  }"
nginx_conf proxy "upstream backend { server 127.0.0.1:$BACKEND_PORT; keepalive 64; }
  server {
    listen 127.0.0.1:$PROXY_PORT;
    location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection \"\"; }
  }"

GATEWAY_COMMON=(
  --server.port="$GATEWAY_PORT"
  --management.server.port="$MANAGEMENT_PORT"
  --saas.security.jwks-uri="http://127.0.0.1:$BACKEND_PORT/.well-known/jwks.json"
  --saas.security.issuer=https://auth.bench.acme.example
  --saas.security.audience=acme-saas
  --saas.security.jwks-timeout=5s
  --saas.gateway.services.auth="http://127.0.0.1:$BACKEND_PORT"
  --saas.gateway.services.users="http://127.0.0.1:$BACKEND_PORT"
  --saas.gateway.services.tasks="http://127.0.0.1:$BACKEND_PORT"
  --saas.gateway.services.billing="http://127.0.0.1:$BACKEND_PORT"
  --saas.gateway.services.flags="http://127.0.0.1:$BACKEND_PORT"
  --saas.gateway.rate-limit.key-prefix="bench-$$:"
)

start_gateway() { # name, extra args...
  local name=$1; shift
  "$JAVA_HOME/bin/java" -jar "$JAR" "${GATEWAY_COMMON[@]}" "$@" > "$WORK/gateway-$name.log" 2>&1 &
  GATEWAY_PID=$!
  PIDS+=("$GATEWAY_PID")
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$GATEWAY_PORT/actuator/health" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "gateway ($name) did not start; see $WORK/gateway-$name.log" >&2
  exit 1
}

stop_gateway() {
  kill "$GATEWAY_PID"; wait "$GATEWAY_PID" 2>/dev/null || true
}

# measure name url [auth header]: a warm-up, then the load run and a one-connection run.
measure() {
  local name=$1 url=$2; shift 2
  local headers=()
  [[ $# -gt 0 ]] && headers=(-H "$1")
  local status body
  for _ in $(seq 1 30); do
    body=$(curl -s -w ' %{http_code}' "${headers[@]}" "$url")
    status=${body##* }
    [[ "$status" == 200 ]] && break
    sleep 2
  done
  [[ "$status" == 200 ]] || { echo "$name: $url answered $body" >&2; exit 1; }
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${headers[@]}" "$url" >/dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "${headers[@]}" "$url" > "$WORK/$name.load"
  wrk -t1 -c1 -d5s --latency "${headers[@]}" "$url" > "$WORK/$name.single"
  local rps p50 p99 p50single
  rps=$(awk '/^Requests\/sec/ {print $2}' "$WORK/$name.load")
  p50=$(awk '$1 == "50%" {print $2}' "$WORK/$name.load")
  p99=$(awk '$1 == "99%" {print $2}' "$WORK/$name.load")
  p50single=$(awk '$1 == "50%" {print $2}' "$WORK/$name.single")
  # Errors answer fast (an open circuit answers 503 at once) and would flatter the numbers.
  local errors
  errors=$(cat "$WORK/$name.load" "$WORK/$name.single" | awk '/Non-2xx/ {n += $NF} END {print n + 0}')
  echo "$name $rps $p50 $p99 $p50single $errors" >> "$WORK/results"
}

measure a-backend "http://127.0.0.1:$BACKEND_PORT$PATH_UNDER_TEST"

start_gateway bare --saas.security.public-paths="$PATH_UNDER_TEST" --saas.gateway.rate-limit.enabled=false
measure b-gateway-bare "http://127.0.0.1:$GATEWAY_PORT$PATH_UNDER_TEST"
stop_gateway

start_gateway full --saas.gateway.rate-limit.default-policy.limit=1000000000
measure c-gateway-full "http://127.0.0.1:$GATEWAY_PORT$PATH_UNDER_TEST" "Authorization: Bearer $TOKEN"
stop_gateway

measure d-nginx-proxy "http://127.0.0.1:$PROXY_PORT$PATH_UNDER_TEST"

echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION; p50@1conn from wrk -t1 -c1 -d5s ($(nproc) CPUs, $(date -u +%FT%TZ))"
echo
echo "| target | requests/s | p50 | p99 | p50 at 1 connection | non-2xx answers |"
echo "|---|---|---|---|---|---|"
awk '{printf "| %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6}' "$WORK/results"
awk '$6 > 0 {print "WARNING: " $1 " had " $6 " non-2xx answers; its numbers are not comparable" > "/dev/stderr"}' "$WORK/results"
echo
awk '{rps[$1]=$2} END {
  printf "c/a = %.2f, c/b = %.2f, c/d = %.2f\n", rps["c-gateway-full"]/rps["a-backend"], rps["c-gateway-full"]/rps["b-gateway-bare"], rps["c-gateway-full"]/rps["d-nginx-proxy"] }' "$WORK/results"
echo "raw wrk output and logs: $WORK"
