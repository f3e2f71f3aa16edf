#!/usr/bin/env bash
# task-service and user-service against a Fastify peer (task-service/bench/fastify-peer), side by
# side on the local stack (infra/dev/up), with wrk. Three requests, each direct to our service and
# to the peer:
#   tasks   GET  /api/v1/tasks?pageSize=20   task-service: count and page of the caller's tasks
#   me      GET  /api/v1/users/me            user-service: the caller's profile
#   create  POST /api/v1/tasks               task-service: plan quota check and insert
# The peer is one Node.js process doing what the services do: the same statements in the same
# transactions on the same schemas and roles (pools of Hikari's 10), RS256 tokens checked with
# jose against auth-service's JWKS, the same envelopes. Before measuring, the script compares
# the peer's answers with the services' for the same caller and says where they differ.
# Set-up: READERS users register through the gateway, each with TASKS_PER_USER tasks created
# through task-service (the GET and me pool), and WRITERS users more (the POST pool, whose task
# counts grow with every round); all log in right before the warm-up, so that the 15-minute
# tokens outlast the run. Every request carries one pool user's token, in turn.
# Each target is warmed up until its throughput stops rising, then ROUNDS alternated rounds
# (wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency; service and peer take turns going first).
# CPU per request: the service's JVM or the peer's process, and Postgres: the backends of the
# stack's database only (other databases on the machine's Postgres are other people's), from
# /proc before and after each run. JFR=1 records task-service with JFR (settings=profile) during
# one more GET /tasks round after the measured ones and prints where its CPU goes.
# The stack must run with production JIT settings (JVM_PROFILE=production; a service running C1
# only is refused) and a free plan that holds what the POST rounds create: when the gateway does
# not answer, this script starts the stack from this checkout with JVM_PROFILE=production and
# FREE_TASK_LIMIT [100000000] and stops it at the end; a running stack is used as it is, and
# refused if task-service's FREE_TASK_LIMIT is below MIN_FREE_TASK_LIMIT.
# Ports and the database are those of infra/dev/stack.sh and infra/dev/up (GATEWAY_PORT,
# TASK_PORT, USER_PORT, AUTH_PORT, SAAS_DB_NAME, ...); the peer listens on PEER_PORT [8093].
# Needs: wrk (installed with apt-get when missing and run as root), curl, jq, node >= 20 and npm,
# a JDK 25 for the stack (and its jcmd and jfr for JFR=1).
# Usage: task-service/bench/run.sh   (READERS=200 WRITERS=50 TASKS_PER_USER=25 DURATION=10s
#        THREADS=2 CONNECTIONS=32 ROUNDS=3 WARMUP_MIN=20 WARMUP_MAX=60 JFR=1 PEER_PORT=8093)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
source "$ROOT/infra/dev/lib.sh"
source "$ROOT/infra/dev/stack.sh"
source "$ROOT/infra/dev/bench.sh"
PEER="$ROOT/task-service/bench/fastify-peer"
READERS=${READERS:-200}
WRITERS=${WRITERS:-50}
TASKS_PER_USER=${TASKS_PER_USER:-25}
JFR=${JFR:-1}
PEER_PORT=${PEER_PORT:-8093}
MIN_FREE_TASK_LIMIT=1000000
GATEWAY_URL="http://127.0.0.1:$GATEWAY_PORT"
WORK=$(mktemp -d /tmp/task-bench.XXXXXX)
STARTED_STACK="" PEER_PID=""
cleanup() {
  [ -z "$PEER_PID" ] || kill "$PEER_PID" 2>/dev/null || true
  [ -z "$STARTED_STACK" ] || "$ROOT/infra/dev/down" >/dev/null
}
trap cleanup EXIT

command -v wrk >/dev/null || apt_install wrk
for tool in curl jq node npm; do command -v "$tool" >/dev/null || die "missing $tool"; done

pick_jdk # jcmd and jfr for JFR=1, and the stack's JDK when this script starts it
if ! curl -fs -m 2 -o /dev/null "$GATEWAY_URL/actuator/health"; then
  export JVM_PROFILE=production FREE_TASK_LIMIT=${FREE_TASK_LIMIT:-100000000}
  log "no gateway on $GATEWAY_URL: starting the local stack with JVM_PROFILE=$JVM_PROFILE FREE_TASK_LIMIT=$FREE_TASK_LIMIT"
  STARTED_STACK=1
  "$ROOT/infra/dev/up" >"$WORK/stack.log" 2>&1 || { tail -20 "$WORK/stack.log"; die "infra/dev/up failed"; }
fi

# The JVMs measured: their options (production JIT only), PIDs and settings.
declare -A PID_OF
for name in task-service user-service; do
  pid=$(running_pid "$name") || die "$name of this checkout's stack is not running (infra/dev/up from $ROOT, with the same ports)"
  PID_OF[$name]=$pid
  options=$(production_jvm_options "$name" "$pid")
  log "$(printf '%-12s pid %-7s JVM options: %s' "$name" "$pid" "$options")"
done
env_of() { tr '\0' '\n' <"/proc/$1/environ" | sed -n "s/^$2=//p"; } # pid variable
free_limit=$(env_of "${PID_OF[task-service]}" FREE_TASK_LIMIT)
[[ ${free_limit:-100} -ge $MIN_FREE_TASK_LIMIT ]] \
  || die "task-service's free plan holds ${free_limit:-100} tasks (FREE_TASK_LIMIT); the POST rounds create far more: restart the stack with FREE_TASK_LIMIT=100000000"
# The database task-service uses (jdbc:postgresql://host:port/name), and the peer's settings from it.
db_url=$(env_of "${PID_OF[task-service]}" DB_URL)
[[ $db_url =~ ^jdbc:postgresql://([^:/]+):([0-9]+)/([^?]+) ]] || die "task-service's DB_URL is '$db_url', not jdbc:postgresql://host:port/name"
DB_HOST=${BASH_REMATCH[1]} DB_PORT=${BASH_REMATCH[2]} DB_NAME=${BASH_REMATCH[3]}
log "database $DB_NAME on $DB_HOST:$DB_PORT, FREE_TASK_LIMIT=$free_limit"

# --- Set-up -----------------------------------------------------------------------------------
PASSWORD=Bench-Tasks-9z
# register_pool file count: registers count users through the gateway; their emails go to file.
register_pool() {
  local email
  : >"$1"
  for _ in $(seq 1 "$2"); do
    email="task-bench-$(cat /proc/sys/kernel/random/uuid)@example.test"
    post /api/v1/auth/register - "$(jq -nc --arg e "$email" --arg p "$PASSWORD" '{email: $e, password: $p, name: "Task Bench"}')" \
      | jq -r .data.accessToken >>"$WORK/registration-tokens"
    echo "$email" >>"$1"
  done
}
# login_pool emails tokens: a fresh access token for each user, through the gateway.
login_pool() {
  local email
  : >"$2"
  while read -r email; do
    post /api/v1/auth/login - "$(jq -nc --arg e "$email" --arg p "$PASSWORD" '{email: $e, password: $p}')" \
      | jq -r .data.accessToken >>"$2"
  done <"$1"
}

register_pool "$WORK/readers" "$READERS"
register_pool "$WORK/writers" "$WRITERS"
# The readers' tasks, through task-service (one curl process per user, its tasks on one connection).
while read -r token; do
  task_args=()
  for i in $(seq 1 "$TASKS_PER_USER"); do
    ((i == 1)) || task_args+=(--next)
    task_args+=(-s -o /dev/null -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json'
      --data "{\"title\":\"Seeded task $i\",\"description\":\"Seeded by task-service/bench\",\"completed\":$( ((i % 3)) && echo false || echo true)}"
      "http://127.0.0.1:$TASK_PORT/api/v1/tasks")
  done
  curl "${task_args[@]}"
done < <(head -n "$READERS" "$WORK/registration-tokens")
log "$READERS readers with $TASKS_PER_USER tasks each, $WRITERS writers"

# --- The peer ---------------------------------------------------------------------------------
[ -d "$PEER/node_modules" ] || (cd "$PEER" && npm ci --omit=dev --no-audit --no-fund >/dev/null)
issuer=$(env_of "${PID_OF[task-service]}" JWT_ISSUER) audience=$(env_of "${PID_OF[task-service]}" JWT_AUDIENCE)
PORT=$PEER_PORT PGHOST=$DB_HOST PGPORT=$DB_PORT DB_NAME=$DB_NAME FREE_TASK_LIMIT=$free_limit \
  JWKS_URI="http://127.0.0.1:$AUTH_PORT/.well-known/jwks.json" JWT_ISSUER=${issuer:-http://auth-service} \
  JWT_AUDIENCE=${audience:-acme-saas} NODE_ENV=production node "$PEER/src/server.js" >"$WORK/peer.log" 2>&1 &
PEER_PID=$!
for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$PEER_PORT/" && break; sleep 0.2; done
kill -0 "$PEER_PID" 2>/dev/null || { cat "$WORK/peer.log"; die "the Fastify peer did not start"; }
log "Fastify peer pid $PEER_PID on 127.0.0.1:$PEER_PORT ($(node --version), fastify $(jq -r .version "$PEER/node_modules/fastify/package.json"))"

login_pool "$WORK/readers" "$WORK/readers.tokens"
login_pool "$WORK/writers" "$WORK/writers.tokens"
TOKENS_AT=$SECONDS
log "$((READERS + WRITERS)) logins: fresh tokens (15 minutes) for the warm-up and the rounds"

# The same requests to both sides, answers compared: GET /tasks byte for byte, /users/me but its
# meta.timestamp, POST /tasks by its fields and their order (ids and times are new each time).
answer() { # name token url [curl options]: the body to body-<name>, the headers to headers-<name>
  local name=$1 token=$2; shift 2
  curl -s -D "$WORK/headers-$name" -o "$WORK/body-$name" -H "Authorization: Bearer $token" "$@"
}
compare() { # name normaliser: same or where they differ
  local ours theirs
  ours=$(jq -c "$2" "$WORK/body-$1-service") theirs=$(jq -c "$2" "$WORK/body-$1-peer")
  if [ "$ours" = "$theirs" ]; then log "answers of $1: the same$3"
  else log "answers of $1 DIFFER$3:"; diff <(echo "$ours") <(echo "$theirs") | sed 's/^/    /' || true; fi
}
read -r reader <"$WORK/readers.tokens"
read -r writer <"$WORK/writers.tokens"
answer tasks-service "$reader" "http://127.0.0.1:$TASK_PORT/api/v1/tasks?pageSize=20"
answer tasks-peer "$reader" "http://127.0.0.1:$PEER_PORT/api/v1/tasks?pageSize=20"
answer me-service "$reader" "http://127.0.0.1:$USER_PORT/api/v1/users/me"
answer me-peer "$reader" "http://127.0.0.1:$PEER_PORT/api/v1/users/me"
for side in service peer; do
  port=$TASK_PORT
  [ "$side" = service ] || port=$PEER_PORT
  answer "create-$side" "$writer" "http://127.0.0.1:$port/api/v1/tasks" -X POST -H 'Content-Type: application/json' \
    --data '{"title":"Compared task","dueDate":"2026-12-31"}'
done
if cmp -s "$WORK/body-tasks-service" "$WORK/body-tasks-peer"; then log "answers of tasks: byte for byte the same"
else compare tasks . ""; fi
compare me 'del(.meta.timestamp)' " (meta.timestamp left out)"
compare create '[paths(scalars) | join(".")]' " (field names and order)"

# --- Targets ----------------------------------------------------------------------------------
declare -A URL ARGS PROCESS
target() { # name base-url process method path body-kind pool
  URL[$1]=$2; PROCESS[$1]=$3; ARGS[$1]="$WORK/$7.tokens $4 $5 $6"
}
target tasks-service "http://127.0.0.1:$TASK_PORT" "${PID_OF[task-service]}" GET '/api/v1/tasks?pageSize=20' none readers
target tasks-peer "http://127.0.0.1:$PEER_PORT" "$PEER_PID" GET '/api/v1/tasks?pageSize=20' none readers
target me-service "http://127.0.0.1:$USER_PORT" "${PID_OF[user-service]}" GET /api/v1/users/me none readers
target me-peer "http://127.0.0.1:$PEER_PORT" "$PEER_PID" GET /api/v1/users/me none readers
target create-service "http://127.0.0.1:$TASK_PORT" "${PID_OF[task-service]}" POST /api/v1/tasks task writers
target create-peer "http://127.0.0.1:$PEER_PORT" "$PEER_PID" POST /api/v1/tasks task writers
REQUESTS=(tasks me create)

# run name seconds out [--latency]: one wrk run of a target.
run() {
  local name=$1 seconds=$2 out=$3; shift 3
  # shellcheck disable=SC2086 # ARGS is the script's argument list
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$seconds" "$@" -s "$ROOT/infra/dev/pool-requests.lua" "${URL[$name]}" -- ${ARGS[$name]} >"$out"
}

# Every backend of the stack's database, "pid ticks" a line: its title is "postgres: <cluster>:
# <role> <database> <client> <state>".
postgres_ticks() {
  local cmdline title
  for cmdline in /proc/[0-9]*/cmdline; do
    title=""
    IFS= read -r -d '' title 2>/dev/null <"$cmdline" || true # a process may end meanwhile
    [[ $title == "postgres: "*" $DB_NAME "* ]] || continue
    awk '{print $1, $14 + $15}' "${cmdline%cmdline}stat" 2>/dev/null || true
  done
}
# The ticks the backends spent since the "before" listing (a backend born since counts from 0).
postgres_spent() {
  awk 'NR == FNR { before[$1] = $2; next } { spent += $2 - before[$1] } END { print spent + 0 }' "$1" <(postgres_ticks)
}

# measure name round: requests/s, p50, p99 (ms), non-2xx and socket errors, CPU µs per request of
# the target's process and of the database's Postgres backends.
measure() {
  local name=$1 round=$2 out="$WORK/$1-$2.wrk" pid=${PROCESS[$1]} process_before
  postgres_ticks >"$WORK/postgres-before"
  process_before=$(cpu_ticks "$pid")
  run "$name" "$DURATION" "$out" --latency
  wrk_result "$name" "$round" "$out" "$(($(cpu_ticks "$pid") - process_before))" \
    "$(postgres_spent "$WORK/postgres-before")" >>"${RESULTS:-$WORK/results}"
}

# profile_round: one more GET /tasks round of task-service, after the measured ones so that
# they carry no recording, under JFR (settings=profile, stacks deep enough for Spring's).
profile_round() {
  local pid=${PID_OF[task-service]}
  "$JAVA_HOME/bin/jcmd" "$pid" JFR.configure stackdepth=256 >"$WORK/jfr.log" 2>&1 || true
  if ! "$JAVA_HOME/bin/jcmd" "$pid" JFR.start name=task-bench settings=profile filename="$WORK/task-service.jfr" >>"$WORK/jfr.log" 2>&1; then
    log "WARNING: JFR did not start (see $WORK/jfr.log); no profile"
    return
  fi
  RESULTS="$WORK/results-jfr" measure tasks-service jfr
  "$JAVA_HOME/bin/jcmd" "$pid" JFR.stop name=task-bench >>"$WORK/jfr.log" 2>&1
}

log "build $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- . ':!*/bench/*' || echo ' (with uncommitted changes)'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
for request in "${REQUESTS[@]}"; do warm_up "$request-service"; warm_up "$request-peer"; done
for round in $(seq 1 "$ROUNDS"); do
  for request in "${REQUESTS[@]}"; do
    if ((round % 2)); then sides=(service peer); else sides=(peer service); fi
    for side in "${sides[@]}"; do measure "$request-$side" "$round"; done
  done
  log "round $round done, load average $(cut -d' ' -f1-3 /proc/loadavg)"
done
[ "$JFR" != 1 ] || profile_round
(( SECONDS - TOKENS_AT < 900 )) || log "WARNING: the run took longer than the tokens live (15 minutes); the last rounds met 401s (see the non-2xx column)"

echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, $READERS readers ($TASKS_PER_USER tasks each) and $WRITERS writers"
echo "in turn, after a warm-up to steady throughput ($(nproc) CPUs, $(date -u +%FT%TZ), $ROUNDS alternated rounds)"
echo
echo "| target | round | requests/s | p50 ms | p99 ms | non-2xx or socket errors | process CPU µs/request | Postgres CPU µs/request |"
echo "|---|---|---|---|---|---|---|---|"
awk '{printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8}' "$WORK/results"
awk '$6 > 0 {print "WARNING: " $1 " round " $2 " had " $6 " failed answers; its numbers are not comparable" > "/dev/stderr"}' "$WORK/results"
echo
# Service against peer, round by round, and the issue's goals for GET /tasks.
awk '
  { rps[$1, $2] = $3; p99[$1, $2] = $5; cpu[$1, $2] = $7; rounds = $2 > rounds ? $2 : rounds }
  END {
    split("tasks me create", requests, " ")
    for (r = 1; r <= 3; r++) {
      printf "%s service/peer requests/s per round:", requests[r]
      for (i = 1; i <= rounds; i++) printf " %.2f", rps[requests[r] "-service", i] / rps[requests[r] "-peer", i]
      printf "\n"
    }
    for (i = 1; i <= rounds; i++) {
      printf "GET /tasks round %d: %s requests/s against the peer'"'"'s %s (%s), %s µs service CPU (goal <= 300: %s), p99 %s ms (goal < 25: %s)\n",
        i, rps["tasks-service", i], rps["tasks-peer", i], (rps["tasks-service", i] > rps["tasks-peer", i]) ? "more" : "NOT more",
        cpu["tasks-service", i], (cpu["tasks-service", i] <= 300) ? "met" : "NOT met", p99["tasks-service", i], (p99["tasks-service", i] < 25) ? "met" : "NOT met"
    }
  }' "$WORK/results"

if [ "$JFR" = 1 ] && [ -f "$WORK/task-service.jfr" ]; then
  echo
  read -r _ _ rps _ _ _ cpu _ <"$WORK/results-jfr"
  echo "Where task-service's CPU went in one more GET /tasks round under JFR ($rps requests/s, $cpu µs"
  echo "service CPU a request): execution samples, each given to the nearest frame outside the JDK;"
  echo "µs/request = share x that round's service CPU per request."
  echo
  echo "| part | share of samples | µs/request |"
  echo "|---|---|---|"
  "$JAVA_HOME/bin/jfr" print --stack-depth 256 --events jdk.ExecutionSample "$WORK/task-service.jfr" | awk -v cpu="$cpu" '
    function part(frame) {
      if (frame ~ /^(com\.acme\.saas\.common\.security|com\.nimbusds|com\.github\.benmanes\.caffeine)\./) return "token check (AccessTokenVerifier, Nimbus, Caffeine)"
      if (frame ~ /^org\.springframework\.security\./) return "Spring Security filter chain"
      if (frame ~ /^(tools\.jackson|com\.fasterxml\.jackson)\./) return "JSON (Jackson)"
      if (frame ~ /^(ch\.qos\.logback|org\.slf4j|com\.acme\.saas\.common\.observability)\./) return "logging"
      if (frame ~ /^(io\.micrometer|io\.opentelemetry)\./) return "observations, metrics, tracing (Micrometer, OpenTelemetry)"
      if (frame ~ /^(org\.springframework\.transaction|org\.springframework\.jdbc|com\.zaxxer\.hikari)\./) return "transactions, JdbcClient, connection pool (Spring, Hikari)"
      if (frame ~ /^org\.postgresql\./) return "JDBC driver (pgjdbc)"
      if (frame ~ /^org\.apache\.(catalina|coyote|tomcat)\./) return "Tomcat (HTTP)"
      if (frame ~ /^(org\.hibernate\.validator|jakarta\.validation)\./) return "bean validation"
      if (frame ~ /^org\.springframework\./) return "Spring MVC, AOP, beans (other Spring)"
      if (frame ~ /^com\.acme\.saas\./) return "our code (controllers, services, repositories, filters)"
      return ""
    }
    /^jdk\.ExecutionSample/ { samples++; assigned = "" }
    /^[[:space:]]+[a-zA-Z_$][a-zA-Z0-9_$.]*\(/ && assigned == "" {
      frame = $1
      assigned = part(frame)
      if (assigned == "" && frame !~ /^(java|javax|jdk|sun|com\.sun|jakarta)\./) { split(frame, p, "."); assigned = "other: " p[1] "." p[2] }
    }
    /^}/ { count[assigned == "" ? "JDK only (threads, I/O, collections)" : assigned]++ }
    END { for (k in count) printf "| %s | %.1f%% | %.0f |\n", k, 100 * count[k] / samples, cpu * count[k] / samples }' | sort -t'|' -k3 -rn
  echo
  echo "(the recording: $WORK/task-service.jfr)"
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); warm-up rounds, answers compared and raw wrk output: $WORK"
