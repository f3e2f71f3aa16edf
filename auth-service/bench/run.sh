#!/usr/bin/env bash
# Login benchmark of auth-service at its configured Argon2id parameters, next to the raw hash rate
# of the same encoder measured in the same run, so the ratio says what the service adds on top of
# hashing (HTTP, JSON, the throttle and account queries, the refresh-token insert, RS256 signing).
#   1. raw: Spring Security's Argon2PasswordEncoder verifying a hash, THREADS threads
#   2. service: POST /api/v1/auth/login (successful logins of one account) with wrk, directly
#      against one auth-service (no gateway, so no per-IP rate limit)
# Needs: wrk (apt-get install wrk), a JDK 25, Postgres on 127.0.0.1:5432 (trust). The service under
# test talks to the local stack's Kafka broker as in production; when no broker answers on
# 127.0.0.1:9092 the script starts the local stack (infra/dev/up) and stops it again at the end.
# PROFILE=1 also records the service with JFR (written to the work folder named at the end).
# Usage: auth-service/bench/run.sh   (DURATION=20s THREADS=2 CONNECTIONS=2: as many logins in flight as raw hashing threads)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
source "$ROOT/infra/dev/lib.sh"
BENCH="$ROOT/auth-service/bench"
DURATION=${DURATION:-20s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-2}
PORT=${BENCH_PORT:-18181}
DB=${BENCH_DB:-saas_bench_auth}
export ARGON2_MEMORY_KIB=${ARGON2_MEMORY_KIB:-19456} ARGON2_ITERATIONS=${ARGON2_ITERATIONS:-2}
export ARGON2_PARALLELISM=${ARGON2_PARALLELISM:-1} ARGON2_MAX_CONCURRENT=${ARGON2_MAX_CONCURRENT:-4}
# Both JVMs get the same fixed heap, as the container image gives auth-service (initial = max), so
# garbage collection of the 19 MiB Argon2 blocks weighs alike.
JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx1g}
WORK=$(mktemp -d /tmp/auth-bench.XXXXXX)
PID=""
STARTED_STACK=""
cleanup() {
  [ -z "$PID" ] || kill "$PID" 2>/dev/null || true
  wait 2>/dev/null || true
  [ -z "$STARTED_STACK" ] || "$ROOT/infra/dev/down" >/dev/null
}
trap cleanup EXIT

command -v wrk >/dev/null || die "missing wrk (apt-get install wrk)"
pick_jdk
ensure_postgres

JAR=$(ls "$ROOT"/auth-service/target/auth-service-*.jar 2>/dev/null | grep -v original | head -1 || true)
if [ -z "$JAR" ] || [ -n "$(find "$ROOT/auth-service/src/main" "$ROOT/common-lib/src/main" -newer "$JAR" -type f -print -quit)" ]; then
  log "building auth-service (jar missing or older than its sources)"
  (cd "$ROOT" && ./mvnw -B -q -pl auth-service -am package -DskipTests)
  JAR=$(ls "$ROOT"/auth-service/target/auth-service-*.jar | grep -v original | head -1)
fi
(cd "$WORK" && unzip -q "$JAR" 'BOOT-INF/lib/*')
if ! (exec 3<>/dev/tcp/127.0.0.1/9092) 2>/dev/null; then
  log "no Kafka on 127.0.0.1:9092: starting the local stack"
  "$ROOT/infra/dev/up" >"$WORK/stack.log" 2>&1 || { tail -20 "$WORK/stack.log"; die "infra/dev/up failed"; }
  STARTED_STACK=1
fi

# A database of its own, dropped and recreated so each run starts alike.
psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists $DB" >/dev/null
"$ROOT/infra/postgres/apply.sh" "$DB" >/dev/null

log "raw hash rate: Argon2id m=${ARGON2_MEMORY_KIB}KiB t=$ARGON2_ITERATIONS p=$ARGON2_PARALLELISM, $THREADS threads, ${DURATION%s}s"
read -r raw_rate raw_p50 raw_p99 < <(java $JAVA_OPTS -Xlog:gc:file="$WORK/gc-raw.log" -cp "$WORK/BOOT-INF/lib/*" "$BENCH/HashRate.java" \
  "$ARGON2_MEMORY_KIB" "$ARGON2_ITERATIONS" "$ARGON2_PARALLELISM" "$THREADS" "${DURATION%s}")

log "starting auth-service on :$PORT (max $ARGON2_MAX_CONCURRENT hashes at once)"
PORT=$PORT DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092 \
  AUTH_KEY_ENCRYPTION_KEY=$(openssl rand -base64 32) ADMIN_EMAIL= \
  java $JAVA_OPTS -Xlog:gc:file="$WORK/gc-service.log" \
  ${PROFILE:+-XX:StartFlightRecording=filename=$WORK/service.jfr,settings=profile,dumponexit=true} -jar "$JAR" --saas.inbox.group-id="auth-bench-$$" >"$WORK/auth-service.log" 2>&1 &
PID=$!
for _ in $(seq 1 120); do
  curl -fs -o /dev/null "http://127.0.0.1:$PORT/actuator/health/readiness" && break
  kill -0 "$PID" 2>/dev/null || { tail -20 "$WORK/auth-service.log"; die "auth-service exited"; }
  sleep 1
done
export BENCH_EMAIL="bench-$(date +%s)@example.com"
curl -fs -o /dev/null -X POST "http://127.0.0.1:$PORT/api/v1/auth/register" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$BENCH_EMAIL\",\"password\":\"Bench-Password-1\",\"name\":\"Bench\"}" || die "registration failed"

log "warm-up 10s, then wrk -t$THREADS -c$CONNECTIONS -d$DURATION"
wrk -t"$THREADS" -c"$CONNECTIONS" -d10s -s "$BENCH/login.lua" "http://127.0.0.1:$PORT/api/v1/auth/login" >/dev/null
read -r _ login_rate login_p50 login_p99 requests errors < <(
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s "$BENCH/login.lua" "http://127.0.0.1:$PORT/api/v1/auth/login" | grep '^RESULT')
[ "$errors" = 0 ] || die "$errors of $requests logins failed; see $WORK/auth-service.log"

printf '\n| | per second | p50 | p99 |\n|---|---|---|---|\n'
printf '| raw Argon2id verify (%s threads) | %s hashes | %s ms | %s ms |\n' "$THREADS" "$raw_rate" "$raw_p50" "$raw_p99"
printf '| POST /auth/login (%s connections) | %s logins | %s ms | %s ms |\n' "$CONNECTIONS" "$login_rate" "$login_p50" "$login_p99"
awk -v l="$login_rate" -v r="$raw_rate" -v lp="$login_p50" -v rp="$raw_p50" \
  'BEGIN { printf "\nlogins/s / hashes/s = %.2f; login p50 - hash p50 = %.1f ms\n", l / r, lp - rp }'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); GC logs and the service log in $WORK"
