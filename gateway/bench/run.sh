#!/usr/bin/env bash
# Load benchmark of the gateway against stock Spring Cloud Gateway, all in one run against one
# small backend (an nginx that answers a fixed JSON body):
#   (a) backend direct
#   (d) nginx as a plain reverse proxy (keepalive upstream)
#   (b) our gateway, bare route (public path, no rate limit; request id, headers, breaker, access log)
#   (s) stock Spring Cloud Gateway, one bare route (gateway/bench/stock-bare)
#   (c) our gateway, every filter (RS256 token + role table + Redis rate limit + breaker + access log)
#   (t) stock Spring Cloud Gateway with Spring Security's OAuth2 resource server (nimbus, the same
#       JWKS) and the stock RequestRateLimiter with RedisRateLimiter keyed by the user
#       (gateway/bench/stock-secured)
#   (c-many), (t-many) the same two with USERS distinct users' tokens in turn (many-users.lua), each
#       user under the production per-user limit (100 a minute), which none of them reaches
# (c) and (t) send one token under a limit of a billion: the best case for caches.
# (b, s, c, t, c-many, t-many) run side by side, each idle while another is measured, in
# alternating rounds under the same conditions of this machine.
# Needs: wrk and nginx (apt-get install wrk nginx), a JDK 25, Redis on 127.0.0.1:6379.
# JAVA_OPTS [the production options of infra/dev/lib.sh] go to every gateway's JVM, ours and stock.
# PROFILE=1 also records every gateway with JFR during round 1 (written to the work folder).
# Usage: gateway/bench/run.sh   (DURATION=15s THREADS=2 CONNECTIONS=32 ROUNDS=3 USERS=10000
#                                MIN_WARMUP=120 MAX_WARMUP=240 TARGETS="b s c t c-many t-many")
# VARIANTS adds targets: our bare route (b) with more arguments, to see what a part of it costs:
#   VARIANTS="b-no-log:--logging.level.gateway.access=warn b-no-obs:--management.observations.enable.all=false"
#   (name:arguments, the arguments separated by commas; each variant joins TARGETS)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
source "$ROOT/infra/dev/lib.sh"
pick_jdk # exports JAVA_HOME: the first JDK >= 25
JAVA_OPTS=${JAVA_OPTS:-$PRODUCTION_JAVA_OPTS}
DURATION=${DURATION:-15s}
MIN_WARMUP=${MIN_WARMUP:-120}
MAX_WARMUP=${MAX_WARMUP:-240}
ROUNDS=${ROUNDS:-3}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
USERS=${USERS:-10000}
TARGETS=${TARGETS:-b s c t c-many t-many}
declare -A VARIANT_ARGS
for variant in ${VARIANTS:-}; do
  VARIANT_ARGS[${variant%%:*}]=${variant#*:}
  TARGETS="$TARGETS ${variant%%:*}"
done
BACKEND_PORT=${BACKEND_PORT:-18090}
PROXY_PORT=${PROXY_PORT:-18091}
PORT_BASE=${PORT_BASE:-18100} # each gateway takes two ports from here: its own and its management port
WORK=$(mktemp -d /tmp/gateway-bench.XXXXXX)
PIDS=()
source "$ROOT/gateway/bench/backend.sh"

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

for tool in wrk nginx curl; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install wrk nginx curl)" >&2; exit 1; }
done

# JAR=path/to/gateway.jar measures another build of ours (to compare within one session).
JAR=${JAR:-$(ls "$ROOT"/gateway/target/gateway-*.jar 2>/dev/null | grep -v original | head -1 || true)}
if [[ -z "$JAR" ]]; then
  (cd "$ROOT" && ./mvnw -B -q -pl gateway -am package -DskipTests)
  JAR=$(ls "$ROOT"/gateway/target/gateway-*.jar | grep -v original | head -1)
fi
# The stock references are built from their own pom, outside the suite's build.
(cd "$ROOT" && ./mvnw -B -q -f gateway/bench/pom.xml package)
STOCK_BARE_JAR=$(ls "$BENCH"/stock-bare/target/stock-bare-*.jar | grep -v original | head -1)
STOCK_SECURED_JAR=$(ls "$BENCH"/stock-secured/target/stock-secured-*.jar | grep -v original | head -1)

bench_backend "$USERS"
export BENCH_TOKENS="$WORK/tokens.txt" # read by many-users.lua

nginx_conf proxy "upstream backend { server 127.0.0.1:$BACKEND_PORT; keepalive 64; }
  server {
    listen 127.0.0.1:$PROXY_PORT;
    location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection \"\"; }
  }"

STOCK_SECURED_COMMON=(--jwks-uri="$JWKS_URI" --issuer="$ISSUER" --audience="$AUDIENCE" --backend-uri="$BACKEND_URI")

# Per target: its description, how its load is sent (none, one-token, many-users) and how it starts.
declare -A DESCRIPTION LOAD PORT PID
describe() { DESCRIPTION[$1]=$2; LOAD[$1]=$3; }
describe a "backend direct" none
describe d "nginx reverse proxy" none
describe b "ours, bare route" none
describe s "stock, bare route" none
describe c "ours, every filter, one token" one-token
describe t "stock + resource server + RedisRateLimiter, one token" one-token
describe c-many "ours, every filter, $USERS users" many-users
describe t-many "stock + resource server + RedisRateLimiter, $USERS users" many-users

# start_gateway target jar args...: starts it in the background on its two ports.
next_port=$PORT_BASE
start_gateway() {
  local target=$1 jar=$2; shift 2
  PORT[$target]=$next_port
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of JVM options
  "$JAVA_HOME/bin/java" $JAVA_OPTS -jar "$jar" --server.port="$next_port" \
    --management.server.port="$((next_port + 1))" "$@" > "$WORK/$target.log" 2>&1 &
  PIDS+=($!)
  PID[$target]=$!
  next_port=$((next_port + 2))
}

start_target() {
  case "$1" in
    b) start_gateway b "$JAR" "${OURS_COMMON[@]}" --saas.security.public-paths="$PATH_UNDER_TEST" \
         --saas.gateway.rate-limit.enabled=false ;;
    s) start_gateway s "$STOCK_BARE_JAR" --backend-uri="$BACKEND_URI" ;;
    c) start_gateway c "$JAR" "${OURS_COMMON[@]}" --saas.gateway.rate-limit.key-prefix="bench-$$-c:" \
         --saas.gateway.rate-limit.default-policy.limit=1000000000 ;;
    t) start_gateway t "$STOCK_SECURED_JAR" "${STOCK_SECURED_COMMON[@]}" \
         --replenish-rate=1000000000 --requested-tokens=1 --burst-capacity=1000000000 ;;
    # The production default policy: 100 requests a minute per user.
    c-many) start_gateway c-many "$JAR" "${OURS_COMMON[@]}" --saas.gateway.rate-limit.key-prefix="bench-$$-cm:" ;;
    t-many) start_gateway t-many "$STOCK_SECURED_JAR" "${STOCK_SECURED_COMMON[@]}" ;;
    *)
      local extra
      IFS=, read -r -a extra <<<"${VARIANT_ARGS[$1]}"
      describe "$1" "ours, bare route, ${VARIANT_ARGS[$1]}" none
      start_gateway "$1" "$JAR" "${OURS_COMMON[@]}" --saas.security.public-paths="$PATH_UNDER_TEST" \
        --saas.gateway.rate-limit.enabled=false "${extra[@]}" ;;
  esac
}

# await_ok target url: the first answers may fail while a gateway starts or fetches its keys.
await_ok() {
  local target=$1 url=$2 body status
  load_args "$target"
  for _ in $(seq 1 120); do
    body=$(curl -s -w ' %{http_code}' "${CURL_ARGS[@]}" "$url" || true)
    status=${body##* }
    [[ "$status" == 200 ]] && return 0
    sleep 1
  done
  echo "$target (${DESCRIPTION[$target]}): $url answered $body; see $WORK/$target.log" >&2
  exit 1
}

# Sets WRK_ARGS and CURL_ARGS: how a target's load is sent.
load_args() {
  case "${LOAD[$1]}" in
    none) WRK_ARGS=(); CURL_ARGS=() ;;
    one-token) WRK_ARGS=(-H "Authorization: Bearer $TOKEN"); CURL_ARGS=(-H "Authorization: Bearer $TOKEN") ;;
    many-users) WRK_ARGS=(-s "$BENCH/many-users.lua"); CURL_ARGS=(-H "Authorization: Bearer $TOKEN") ;;
  esac
}

url_of() {
  case "$1" in
    a) echo "http://127.0.0.1:$BACKEND_PORT$PATH_UNDER_TEST" ;;
    d) echo "http://127.0.0.1:$PROXY_PORT$PATH_UNDER_TEST" ;;
    *) echo "http://127.0.0.1:${PORT[$1]}$PATH_UNDER_TEST" ;;
  esac
}

# warm_up target min-seconds: load in 5 s rounds until throughput stops rising: the best of the last
# four rounds is within 5% of the best before them (at least min-seconds, at most MAX_WARMUP). On 2
# vCPUs the JIT's compiler thread shares the cores with the load and takes one to two minutes to
# compile a gateway's request path; a short warm-up measures the compiler instead of the gateway.
warm_up() {
  local target=$1 min=$2 elapsed=0 rounds=() rps url
  url=$(url_of "$target")
  load_args "$target"
  while (( elapsed < MAX_WARMUP )); do
    rps=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d5s "${WRK_ARGS[@]}" "$url" | awk '/^Requests\/sec/ {print $2}')
    elapsed=$((elapsed + 5))
    rounds+=("$rps")
    echo "$target warm-up ${elapsed}s: $rps requests/s" >> "$WORK/warm-up"
    if (( elapsed >= min )) && echo "${rounds[@]}" | awk '{
        for (i = 1; i <= NF; i++) if (i > NF - 4) { if ($i > last) last = $i } else if ($i > before) before = $i
        exit !(before > 0 && last <= before * 1.05) }'; then
      return 0
    fi
  done
  echo "$target: throughput still rising after ${MAX_WARMUP}s (see $WORK/warm-up); measuring anyway" >&2
}

# measure target round: the load run and a one-connection run.
measure() {
  local target=$1 round=$2 url out="$WORK/$1-$2" pid=${PID[$1]:-} gateway_before redis_before
  url=$(url_of "$target")
  load_args "$target"
  if [[ -n "${PROFILE:-}" && "$round" == 1 && -n "$pid" ]]; then
    "$JAVA_HOME/bin/jcmd" "$pid" JFR.start settings=profile duration="$DURATION" filename="$out.jfr" >/dev/null
  fi
  gateway_before=$(cpu_ticks "$pid")
  redis_before=$(cpu_ticks "$REDIS_PID")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "${WRK_ARGS[@]}" "$url" > "$out.load"
  local requests gateway_cpu redis_cpu
  requests=$(awk '/requests in/ {print $1}' "$out.load")
  gateway_cpu=$(cpu_per_request "$gateway_before" "$(cpu_ticks "$pid")" "$requests")
  redis_cpu=$(cpu_per_request "$redis_before" "$(cpu_ticks "$REDIS_PID")" "$requests")
  wrk -t1 -c1 -d5s --latency "${WRK_ARGS[@]}" "$url" > "$out.single"
  local rps p50 p99 p50single errors
  rps=$(awk '/^Requests\/sec/ {print $2}' "$out.load")
  p50=$(awk '$1 == "50%" {print $2}' "$out.load")
  p99=$(awk '$1 == "99%" {print $2}' "$out.load")
  p50single=$(awk '$1 == "50%" {print $2}' "$out.single")
  # Errors answer fast (an open circuit answers 503 at once, a limit 429) and would flatter the numbers.
  errors=$(cat "$out.load" "$out.single" | awk '/Non-2xx/ {n += $NF} END {print n + 0}')
  echo "$target $round $rps $p50 $p99 $p50single $errors $gateway_cpu $redis_cpu" >> "$WORK/results"
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

# Redis's own CPU per request shows what a rate limit costs beyond the gateway (the Redis on 6379).
REDIS_PID=$(pgrep -f 'redis-server .*:6379( |$)' | head -1 || true)

for target in $TARGETS; do start_target "$target"; done
for target in a d $TARGETS; do await_ok "$target" "$(url_of "$target")"; done

warm_up a 30
measure a 1
warm_up d 30
measure d 1
for target in $TARGETS; do warm_up "$target" "$MIN_WARMUP"; done
for round in $(seq 1 "$ROUNDS"); do
  for target in $TARGETS; do measure "$target" "$round"; done
done

echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION after a warm-up to steady throughput; p50@1conn from wrk -t1 -c1 -d5s"
echo "($(nproc) CPUs, $(date -u +%FT%TZ), $ROUNDS alternating rounds of: $TARGETS; JVM options: $JAVA_OPTS)"
echo
echo "| target | what | round | requests/s | p50 | p99 | p50 at 1 connection | non-2xx answers | gateway CPU µs/request | Redis CPU µs/request |"
echo "|---|---|---|---|---|---|---|---|---|---|"
while read -r target round rest; do
  set -- $rest
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$target" "${DESCRIPTION[$target]}" "$round" "$@"
done < "$WORK/results"
awk '$7 > 0 {print "WARNING: " $1 " round " $2 " had " $7 " non-2xx answers; its numbers are not comparable" > "/dev/stderr"}' "$WORK/results"
echo
# The goals, per round (measured back to back) and as the median of the rounds.
awk '
  { rps[$1, $2] = $3; cpu[$1, $2] = $8 + ($9 == "-" ? 0 : $9); rounds[$1]++ }
  function median(values, n,   i, j, t) {
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (values[j] < values[i]) { t = values[i]; values[i] = values[j]; values[j] = t }
    return n % 2 ? values[(n + 1) / 2] : (values[n / 2] + values[n / 2 + 1]) / 2
  }
  # ratio(label, kind, x, y, goal): x/y of requests/s or CPU (gateway plus Redis) per round, and its median.
  function ratio(label, kind, x, y, goal,   i, n, values) {
    if (!rounds[x] || !rounds[y]) return
    n = rounds[x] < rounds[y] ? rounds[x] : rounds[y]
    printf "%-48s", label
    for (i = 1; i <= n; i++) { values[i] = kind == "rps" ? rps[x, i] / rps[y, i] : cpu[x, i] / cpu[y, i]; printf " %.2f", values[i] }
    printf "  median %.2f  (goal %s)\n", median(values, n), goal
  }
  END {
    ratio("c/b requests/s", "rps", "c", "b", ">= 0.90")
    ratio("b/s CPU per request", "cpu", "b", "s", "<= 1.00")
    ratio("c-many/t-many CPU per request (with Redis)", "cpu", "c-many", "t-many", "<= 0.50")
    ratio("c/t CPU per request (with Redis)", "cpu", "c", "t", "-")
    ratio("c-many/c requests/s", "rps", "c-many", "c", "-")
    ratio("c-many/t-many requests/s", "rps", "c-many", "t-many", "-")
    ratio("s/d requests/s", "rps", "s", "d", "-")
    n = split(targets, names, " ")
    for (i = 1; i <= n; i++) if (names[i] ~ /^b-/) ratio(names[i] "/b CPU per request", "cpu", names[i], "b", "-")
  }' targets="$TARGETS" "$WORK/results"
echo "warm-up rounds, raw wrk output and logs: $WORK"
