#!/usr/bin/env bash
# Load benchmark of the gateway, all in one run against one small backend (an nginx that answers
# a fixed JSON body):
#   (a) backend direct
#   (b) gateway, bare route (public path, no rate limit; request id, headers, breaker, access log)
#   (c) gateway, every filter (RS256 token + role table + Redis rate limit + breaker + access log)
#   (d) nginx as a plain reverse proxy (keepalive upstream), the reference
# Needs: wrk and nginx (apt-get install wrk nginx), a JDK 25, Redis on 127.0.0.1:6379.
# JAVA_OPTS (e.g. "-Xmx512m") go to both gateways' JVMs.
# PROFILE=1 also records both gateways with JFR during round 1 (written to the work folder).
# Usage: gateway/bench/run.sh   (DURATION=15s THREADS=2 CONNECTIONS=32 ROUNDS=3 MIN_WARMUP=120 MAX_WARMUP=240)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BENCH="$ROOT/gateway/bench"
source "$ROOT/infra/dev/lib.sh"
pick_jdk # exports JAVA_HOME: the first JDK >= 25
DURATION=${DURATION:-15s}
MIN_WARMUP=${MIN_WARMUP:-120}
MAX_WARMUP=${MAX_WARMUP:-240}
ROUNDS=${ROUNDS:-3}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
BACKEND_PORT=${BACKEND_PORT:-18090}
PROXY_PORT=${PROXY_PORT:-18091}
BARE_PORT=${BARE_PORT:-18092}
BARE_MANAGEMENT_PORT=${BARE_MANAGEMENT_PORT:-18093}
FULL_PORT=${FULL_PORT:-18094}
FULL_MANAGEMENT_PORT=${FULL_MANAGEMENT_PORT:-18095}
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

declare -A GATEWAY_PID
start_gateway() { # name port management-port extra-args...: starts it in the background
  local name=$1 port=$2 management=$3; shift 3
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of JVM options
  "$JAVA_HOME/bin/java" ${JAVA_OPTS:-} -jar "$JAR" "${GATEWAY_COMMON[@]}" --server.port="$port" \
    --management.server.port="$management" "$@" > "$WORK/$name.log" 2>&1 &
  PIDS+=($!)
  GATEWAY_PID[$name]=$!
}

await_gateway() { # name port
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$2/actuator/health" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "gateway ($1) did not start; see $WORK/$1.log" >&2
  exit 1
}

# await_ok name url [header]: the first answers may fail while the gateway fetches its keys.
await_ok() {
  local name=$1 url=$2; shift 2
  local headers=() body status
  [[ $# -gt 0 ]] && headers=(-H "$1")
  for _ in $(seq 1 30); do
    body=$(curl -s -w ' %{http_code}' "${headers[@]}" "$url")
    status=${body##* }
    [[ "$status" == 200 ]] && return 0
    sleep 2
  done
  echo "$name: $url answered $body" >&2
  exit 1
}

# warm_up name min-seconds url [header]: load in 5 s rounds until throughput stops rising: the
# best of the last four rounds is within 5% of the best before them (at least min-seconds, at most
# MAX_WARMUP). On 2 vCPUs the JIT's compiler thread shares the cores with the load and takes one
# to two minutes to compile a gateway's request path (longer for (c), which has more of it); a
# short warm-up measures the compiler instead of the gateway.
warm_up() {
  local name=$1 min=$2 url=$3; shift 3
  local headers=() elapsed=0 rounds=() rps
  [[ $# -gt 0 ]] && headers=(-H "$1")
  while (( elapsed < MAX_WARMUP )); do
    rps=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d5s "${headers[@]}" "$url" | awk '/^Requests\/sec/ {print $2}')
    elapsed=$((elapsed + 5))
    rounds+=("$rps")
    echo "$name warm-up ${elapsed}s: $rps requests/s" >> "$WORK/warm-up"
    if (( elapsed >= min )) && echo "${rounds[@]}" | awk '{
        for (i = 1; i <= NF; i++) if (i > NF - 4) { if ($i > last) last = $i } else if ($i > before) before = $i
        exit !(before > 0 && last <= before * 1.05) }'; then
      return 0
    fi
  done
  echo "$name: throughput still rising after ${MAX_WARMUP}s (see $WORK/warm-up); measuring anyway" >&2
}

# measure name round url [header]: the load run and a one-connection run.
measure() {
  local name=$1 round=$2 url=$3; shift 3
  local headers=()
  [[ $# -gt 0 ]] && headers=(-H "$1")
  local out="$WORK/$name-$round" pid=${GATEWAY_PID[$name]:-} gateway_before redis_before
  if [[ -n "${PROFILE:-}" && "$round" == 1 && -n "$pid" ]]; then
    "$JAVA_HOME/bin/jcmd" "$pid" JFR.start settings=profile duration="$DURATION" filename="$out.jfr" >/dev/null
  fi
  gateway_before=$(cpu_ticks "$pid")
  redis_before=$(cpu_ticks "$REDIS_PID")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "${headers[@]}" "$url" > "$out.load"
  local requests gateway_cpu redis_cpu
  requests=$(awk '/requests in/ {print $1}' "$out.load")
  gateway_cpu=$(cpu_per_request "$gateway_before" "$(cpu_ticks "$pid")" "$requests")
  redis_cpu=$(cpu_per_request "$redis_before" "$(cpu_ticks "$REDIS_PID")" "$requests")
  wrk -t1 -c1 -d5s --latency "${headers[@]}" "$url" > "$out.single"
  local rps p50 p99 p50single errors
  rps=$(awk '/^Requests\/sec/ {print $2}' "$out.load")
  p50=$(awk '$1 == "50%" {print $2}' "$out.load")
  p99=$(awk '$1 == "99%" {print $2}' "$out.load")
  p50single=$(awk '$1 == "50%" {print $2}' "$out.single")
  # Errors answer fast (an open circuit answers 503 at once) and would flatter the numbers.
  errors=$(cat "$out.load" "$out.single" | awk '/Non-2xx/ {n += $NF} END {print n + 0}')
  echo "$name $round $rps $p50 $p99 $p50single $errors $gateway_cpu $redis_cpu" >> "$WORK/results"
}

# CPU time a process has used, in clock ticks (1/100 s), or "-" without one.
cpu_ticks() {
  [[ -n "$1" && -r "/proc/$1/stat" ]] || { echo -; return; }
  awk '{print $14 + $15}' "/proc/$1/stat"
}

# cpu_per_request before after requests: microseconds of CPU per request, or "-".
cpu_per_request() {
  [[ "$1" == - || "$2" == - ]] && { echo -; return; }
  awk -v before="$1" -v after="$2" -v n="$3" 'BEGIN {printf "%.0f", (after - before) * 10000 / n}'
}

# Redis's own CPU per request shows what the rate limit costs beyond the gateway (local Redis only).
REDIS_PID=$(pgrep -x redis-server | head -1 || true)
BACKEND_URL="http://127.0.0.1:$BACKEND_PORT$PATH_UNDER_TEST"
BARE_URL="http://127.0.0.1:$BARE_PORT$PATH_UNDER_TEST"
FULL_URL="http://127.0.0.1:$FULL_PORT$PATH_UNDER_TEST"
PROXY_URL="http://127.0.0.1:$PROXY_PORT$PATH_UNDER_TEST"
BEARER="Authorization: Bearer $TOKEN"

# Both gateways run side by side, each idle while the other is measured, so that (b) and (c)
# are measured in alternating rounds under the same conditions of this shared machine.
start_gateway b-gateway-bare "$BARE_PORT" "$BARE_MANAGEMENT_PORT" \
  --saas.security.public-paths="$PATH_UNDER_TEST" --saas.gateway.rate-limit.enabled=false
start_gateway c-gateway-full "$FULL_PORT" "$FULL_MANAGEMENT_PORT" --saas.gateway.rate-limit.default-policy.limit=1000000000
await_gateway b-gateway-bare "$BARE_PORT"
await_gateway c-gateway-full "$FULL_PORT"
await_ok a-backend "$BACKEND_URL"
await_ok b-gateway-bare "$BARE_URL"
await_ok c-gateway-full "$FULL_URL" "$BEARER"
await_ok d-nginx-proxy "$PROXY_URL"

warm_up a-backend 30 "$BACKEND_URL"
measure a-backend 1 "$BACKEND_URL"
warm_up d-nginx-proxy 30 "$PROXY_URL"
measure d-nginx-proxy 1 "$PROXY_URL"
warm_up b-gateway-bare "$MIN_WARMUP" "$BARE_URL"
warm_up c-gateway-full "$MIN_WARMUP" "$FULL_URL" "$BEARER"
for round in $(seq 1 "$ROUNDS"); do
  measure b-gateway-bare "$round" "$BARE_URL"
  measure c-gateway-full "$round" "$FULL_URL" "$BEARER"
done

echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION after a warm-up to steady throughput; p50@1conn from wrk -t1 -c1 -d5s"
echo "($(nproc) CPUs, $(date -u +%FT%TZ), $ROUNDS alternating rounds of (b) and (c))"
echo
echo "| target | round | requests/s | p50 | p99 | p50 at 1 connection | non-2xx answers | gateway CPU µs/request | Redis CPU µs/request |"
echo "|---|---|---|---|---|---|---|---|---|"
awk '{printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9}' "$WORK/results"
awk '$7 > 0 {print "WARNING: " $1 " round " $2 " had " $7 " non-2xx answers; its numbers are not comparable" > "/dev/stderr"}' "$WORK/results"
echo
# Ratios of the medians over the rounds, and c/b of each round (measured back to back).
awk '
  { rps[$1, $2] = $3; cpu[$1, $2] = $8; redis[$1, $2] = $9; rounds[$1]++ }
  function median(name,   n, i, j, v, t) {
    n = rounds[name]
    for (i = 1; i <= n; i++) v[i] = rps[name, i]
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
    return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
  }
  END {
    a = median("a-backend"); b = median("b-gateway-bare"); c = median("c-gateway-full"); d = median("d-nginx-proxy")
    printf "medians: a %.0f, b %.0f, c %.0f, d %.0f requests/s\n", a, b, c, d
    printf "c/a = %.2f, c/b = %.2f, c/d = %.2f\n", c / a, c / b, c / d
    printf "c/b per round:"
    for (i = 1; i <= rounds["c-gateway-full"]; i++) printf " %.2f", rps["c-gateway-full", i] / rps["b-gateway-bare", i]
    printf "\n"
    # Which side the CPU went to: the gateway (with its Lettuce thread) or Redis.
    printf "CPU per request, b/c (gateway plus Redis) per round:"
    for (i = 1; i <= rounds["c-gateway-full"]; i++)
      if (cpu["b-gateway-bare", i] > 0 && cpu["c-gateway-full", i] > 0)
        printf " %.2f", (cpu["b-gateway-bare", i] + redis["b-gateway-bare", i]) / (cpu["c-gateway-full", i] + redis["c-gateway-full", i])
    printf "\n"
  }' "$WORK/results"
echo "warm-up rounds, raw wrk output and logs: $WORK"
