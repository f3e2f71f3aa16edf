#!/usr/bin/env bash
# Flag evaluation benchmark of the local stack (infra/dev/up), with wrk, all through the real
# services. Eight targets, each directly to its service and through the gateway:
#   single   POST /api/v1/ofrep/v1/evaluate/flags/{key}   (one flag; the key cycles over the 50)
#   bulk     POST /api/v1/ofrep/v1/evaluate/flags         (all 50 flags, with the result's ETag)
#   evaluate GET  /api/v1/flags/evaluate                  (all 50 flags, as {key: value})
#   me       GET  /api/v1/users/me                        (user-service: one indexed row read)
# Set-up: the seeded admin creates 50 flags with mixed targeting (kept across runs), and POOL users
# register through the gateway; every request carries one pool user's token, in turn.
# Each target is warmed up until its throughput stops rising, then ROUNDS alternated rounds of
# all eight (wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency).
# The stack must run with production JIT settings and a per-user rate limit far above the load
# (the default is 100 a minute): when the gateway does not answer, this script starts the stack
# from this checkout with SERVICE_JAVA_OPTS [-Xmx512m -XX:+UseSerialGC] and
# RATE_LIMIT_DEFAULT [100000000] and stops it at the end; a running stack is used as it is, and
# refused if a service runs with TieredStopAtLevel=1 or the gateway with a lower limit.
# Ports and the database are those of infra/dev/stack.sh and infra/dev/up (GATEWAY_PORT,
# FLAGS_PORT, USER_PORT, ...). Traffic goes to 127.0.0.1 only.
# Needs: wrk (installed with apt-get when missing and run as root), curl, jq, a JDK 25 for the
# stack; the jars built (./mvnw -B -q -DskipTests package).
# Usage: flags-service/bench/run.sh   (POOL=32 DURATION=10s THREADS=2 CONNECTIONS=32 ROUNDS=3
#        WARMUP_MIN=20 WARMUP_MAX=60)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
source "$ROOT/infra/dev/lib.sh"
source "$ROOT/infra/dev/stack.sh"
source "$ROOT/infra/dev/bench.sh"
POOL=${POOL:-32}
FLAG_COUNT=50
MIN_RATE_LIMIT=10000000
GATEWAY_URL="http://127.0.0.1:$GATEWAY_PORT"
WORK=$(mktemp -d /tmp/flags-bench.XXXXXX)
STARTED_STACK=""
cleanup() { [ -z "$STARTED_STACK" ] || "$ROOT/infra/dev/down" >/dev/null; }
trap cleanup EXIT

command -v wrk >/dev/null || apt_install wrk
for tool in curl jq; do command -v "$tool" >/dev/null || die "missing $tool (apt-get install $tool)"; done

if ! curl -fs -m 2 -o /dev/null "$GATEWAY_URL/actuator/health"; then
  pick_jdk
  export SERVICE_JAVA_OPTS=${SERVICE_JAVA_OPTS:--Xmx512m -XX:+UseSerialGC}
  export RATE_LIMIT_DEFAULT=${RATE_LIMIT_DEFAULT:-100000000}
  log "no gateway on $GATEWAY_URL: starting the local stack with SERVICE_JAVA_OPTS=\"$SERVICE_JAVA_OPTS\" RATE_LIMIT_DEFAULT=$RATE_LIMIT_DEFAULT"
  STARTED_STACK=1
  "$ROOT/infra/dev/up" >"$WORK/stack.log" 2>&1 || { tail -20 "$WORK/stack.log"; die "infra/dev/up failed"; }
fi

# The JVMs on the path: their options (production JIT only), and their PIDs for CPU per request.
declare -A PID_OF
for name in gateway auth-service user-service flags-service; do
  pid=$(running_pid "$name") || die "$name of this checkout's stack is not running (infra/dev/up from $ROOT, with the same ports)"
  PID_OF[$name]=$pid
  options=$(production_jvm_options "$name" "$pid")
  log "$(printf '%-13s pid %-7s JVM options: %s' "$name" "$pid" "$options")"
done
limit=$(tr '\0' '\n' <"/proc/${PID_OF[gateway]}/environ" | sed -n 's/^RATE_LIMIT_DEFAULT=//p')
[[ ${limit:-100} -ge $MIN_RATE_LIMIT ]] \
  || die "the gateway's per-user limit is ${limit:-100} a minute (RATE_LIMIT_DEFAULT): restart the stack with RATE_LIMIT_DEFAULT=100000000"
log "gateway RATE_LIMIT_DEFAULT=$limit a minute"

# --- Set-up -----------------------------------------------------------------------------------

secrets="$RUN_DIR/dev-secrets.env"
ADMIN_EMAIL=${ADMIN_EMAIL:-$(sed -n 's/^ADMIN_EMAIL=//p' "$secrets" 2>/dev/null || true)}
ADMIN_PASSWORD=${ADMIN_PASSWORD:-$(sed -n 's/^ADMIN_PASSWORD=//p' "$secrets" 2>/dev/null || true)}
[ -n "$ADMIN_PASSWORD" ] || die "no ADMIN_PASSWORD and none in $secrets (infra/dev/up writes it)"
admin_token=$(post /api/v1/auth/login - "$(jq -nc --arg e "${ADMIN_EMAIL:-admin@acme.test}" --arg p "$ADMIN_PASSWORD" '{email: $e, password: $p}')" \
  | jq -r .data.accessToken)

# 50 flags, ten each of: a plain rollout (0-100 %), pro/team only, free only at 30 %, role USER at
# 50 %, and 5 ADMIN-only plus 5 disabled. The pool users are USERs on plan free, so each kind takes
# another branch of the rules (DEFAULT, SPLIT, STATIC, TARGETING_MATCH, DISABLED).
: >"$WORK/keys"
for i in $(seq 0 $((FLAG_COUNT - 1))); do
  key=$(printf 'bench.flag-%02d' "$i")
  case $((i / 10)) in
    0) spec="{\"enabled\": true, \"rolloutPercentage\": $((i * 11 % 101))}" ;;
    1) spec='{"enabled": true, "rolloutPercentage": 100, "plans": ["pro", "team"]}' ;;
    2) spec='{"enabled": true, "rolloutPercentage": 30, "plans": ["free"]}' ;;
    3) spec='{"enabled": true, "rolloutPercentage": 50, "roles": ["USER"]}' ;;
    *) if ((i % 2)); then spec='{"enabled": false, "rolloutPercentage": 100}'
       else spec='{"enabled": true, "rolloutPercentage": 100, "roles": ["ADMIN"]}'; fi ;;
  esac
  post /api/v1/flags "$admin_token" "$(jq -c --arg k "$key" '. + {key: $k, description: "benchmark flag"}' <<<"$spec")" >/dev/null
  echo "$key" >>"$WORK/keys"
done

: >"$WORK/pool"
for _ in $(seq 1 "$POOL"); do
  post /api/v1/auth/register - "$(jq -nc --arg e "flags-bench-$(cat /proc/sys/kernel/random/uuid)@example.test" \
    '{email: $e, password: "Bench-Flags-9z", name: "Flags Bench"}')" | jq -r '.data.accessToken + " " + .data.user.id' >>"$WORK/pool"
done
log "admin token, $FLAG_COUNT flags, $POOL users"

read -r token user_id <"$WORK/pool"
flags_seen=$(curl -fs -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  --data "{\"context\":{\"targetingKey\":\"$user_id\"}}" "http://127.0.0.1:$FLAGS_PORT/api/v1/ofrep/v1/evaluate/flags" | jq '.flags | length')
[ "$flags_seen" = "$FLAG_COUNT" ] \
  || log "WARNING: the bulk answer holds $flags_seen flags, not $FLAG_COUNT (the database has other flags too): bulk and evaluate cover all of them"

# --- Targets ----------------------------------------------------------------------------------
OFREP=/api/v1/ofrep/v1/evaluate/flags
declare -A URL ARGS SERVICE
target() { # name base-url service method path body-kind [keys-file]
  URL[$1]="$2$5"; SERVICE[$1]=$3; ARGS[$1]="$WORK/pool $4 $5 $6 ${7:-}"
}
for side in direct gateway; do
  flags="http://127.0.0.1:$FLAGS_PORT" users="http://127.0.0.1:$USER_PORT"
  [ "$side" = direct ] || flags=$GATEWAY_URL users=$GATEWAY_URL
  target "single-$side" "$flags" flags-service POST "$OFREP/{key}" ofrep "$WORK/keys"
  target "bulk-$side" "$flags" flags-service POST "$OFREP" ofrep
  target "evaluate-$side" "$flags" flags-service GET /api/v1/flags/evaluate none
  target "me-$side" "$users" user-service GET /api/v1/users/me none
done
TARGETS=(single-direct bulk-direct evaluate-direct me-direct single-gateway bulk-gateway evaluate-gateway me-gateway)

# run name seconds out [--latency]: one wrk run of a target (the URL's own path is replaced by the script's).
run() {
  local name=$1 seconds=$2 out=$3; shift 3
  # shellcheck disable=SC2086 # ARGS is the script's argument list
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$seconds" "$@" -s "$ROOT/infra/dev/pool-requests.lua" "${URL[$name]%%/api/*}" -- ${ARGS[$name]} >"$out"
}

# measure name round: requests/s, p50, p99 (ms), non-2xx and socket errors, CPU µs per request of
# the target's service and of the gateway.
measure() {
  local name=$1 round=$2 out="$WORK/$1-$2.wrk" service_pid=${PID_OF[${SERVICE[$1]}]} gateway_pid=${PID_OF[gateway]}
  local service_before gateway_before
  service_before=$(cpu_ticks "$service_pid") gateway_before=$(cpu_ticks "$gateway_pid")
  run "$name" "$DURATION" "$out" --latency
  wrk_result "$name" "$round" "$out" "$(($(cpu_ticks "$service_pid") - service_before))" \
    "$(($(cpu_ticks "$gateway_pid") - gateway_before))" >>"$WORK/results"
}

log "build $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- . ':!*/bench/*' || echo ' (with uncommitted changes)'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
for name in "${TARGETS[@]}"; do warm_up "$name"; done
for round in $(seq 1 "$ROUNDS"); do
  for name in "${TARGETS[@]}"; do measure "$name" "$round"; done
  log "round $round done, load average $(cut -d' ' -f1-3 /proc/loadavg)"
done

echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, $POOL users, $flags_seen flags, after a warm-up to steady throughput"
echo "($(nproc) CPUs, $(date -u +%FT%TZ), $ROUNDS alternated rounds of the ${#TARGETS[@]} targets)"
echo
echo "| target | round | requests/s | p50 ms | p99 ms | non-2xx or socket errors | service CPU µs/request | gateway CPU µs/request |"
echo "|---|---|---|---|---|---|---|---|"
awk '{printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8}' "$WORK/results"
awk '$6 > 0 {print "WARNING: " $1 " round " $2 " had " $6 " failed answers; its numbers are not comparable" > "/dev/stderr"}' "$WORK/results"
echo
# The goal: bulk OFREP over 50 flags at least as fast as /users/me, round by round (measured side by side).
awk '
  { rps[$1, $2] = $3; rounds = $2 > rounds ? $2 : rounds }
  END {
    for (s = 1; s <= 2; s++) {
      side = s == 1 ? "direct" : "gateway"
      printf "bulk/me %s per round:", side
      for (i = 1; i <= rounds; i++) printf " %.2f", rps["bulk-" side, i] / rps["me-" side, i]
      printf "\n"
    }
  }' "$WORK/results"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); warm-up rounds and raw wrk output: $WORK"
