#!/usr/bin/env bash
# Billing benchmark of the local stack (infra/dev/up), all through the real services:
#   1. plan propagation: USERS upgrades one after another, each a signed
#      customer.subscription.created (active, pro) through the gateway; from its 200 to plan pro on
#      GET /api/v1/users/me and in task-service's quota (tasks.user_plans, read-only over JDBC)
#   2. webhook intake: distinct signed events for INTAKE_SECONDS at each of CONCURRENCIES, through
#      the gateway and directly to billing-service: events/s, p50, p99, non-2xx, rows applied
# The stack must run with production JIT settings: when the gateway does not answer, this script
# starts it from this checkout with SERVICE_JAVA_OPTS [-Xmx512m -XX:+UseSerialGC] and stops it at the
# end; a running stack is used as it is, and refused if its services run with TieredStopAtLevel=1
# (infra/dev/up's start-up default). Ports and the database are those of infra/dev/stack.sh and
# infra/dev/up (GATEWAY_PORT, BILLING_PORT, SAAS_DB_NAME, PGHOST, PGPORT, ...).
# Needs: a JDK 25, Postgres on $PGHOST:$PGPORT with trust for the postgres role on loopback (the
# quota is read as postgres), unzip; the jars built (./mvnw -B -q -DskipTests package).
# Usage: billing-service/bench/run.sh   (USERS=200 WARMUP_MIN=60 WARMUP_MAX=150 INTAKE_SECONDS=10
#        INTAKE_MAX_EVENTS=20000 CONCURRENCIES="1 8 32")
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
source "$ROOT/infra/dev/lib.sh"
source "$ROOT/infra/dev/stack.sh"
BENCH="$ROOT/billing-service/bench"
export USERS=${USERS:-200} WARMUP_MIN=${WARMUP_MIN:-60} WARMUP_MAX=${WARMUP_MAX:-150}
export INTAKE_SECONDS=${INTAKE_SECONDS:-10} INTAKE_MAX_EVENTS=${INTAKE_MAX_EVENTS:-20000}
export CONCURRENCIES=${CONCURRENCIES:-1 8 32}
export GATEWAY_URL="http://127.0.0.1:$GATEWAY_PORT" BILLING_URL="http://127.0.0.1:$BILLING_PORT"
export JDBC_URL="jdbc:postgresql://${PGHOST:-127.0.0.1}:${PGPORT:-5432}/${SAAS_DB_NAME:-saas}"
export STRIPE_OBJECTS="$ROOT/infra/dev/stripe/objects"
WORK=$(mktemp -d /tmp/billing-bench.XXXXXX)
STARTED_STACK=""
cleanup() {
  rm -rf "$WORK/BOOT-INF" # the unzipped libraries (about 80 MB); the stack log stays
  [ -z "$STARTED_STACK" ] || "$ROOT/infra/dev/down" >/dev/null
}
trap cleanup EXIT

command -v unzip >/dev/null || die "missing unzip (apt-get install unzip)"
pick_jdk

if ! curl -fs -m 2 -o /dev/null "$GATEWAY_URL/actuator/health"; then
  export SERVICE_JAVA_OPTS=${SERVICE_JAVA_OPTS:--Xmx512m -XX:+UseSerialGC}
  log "no gateway on $GATEWAY_URL: starting the local stack with SERVICE_JAVA_OPTS=\"$SERVICE_JAVA_OPTS\""
  STARTED_STACK=1
  "$ROOT/infra/dev/up" >"$WORK/stack.log" 2>&1 || { tail -20 "$WORK/stack.log"; die "infra/dev/up failed"; }
fi
# The JVMs' options, and their PIDs for the CPU each event costs them.
COMPONENT_PIDS=""
for name in gateway auth-service user-service task-service billing-service flags-service kafka; do
  if ! pid=$(running_pid "$name"); then
    [ "$name" = flags-service ] || [ "$name" = auth-service ] \
      || die "$name of this checkout's stack is not running (infra/dev/up from $ROOT, with the same ports)"
    continue
  fi
  COMPONENT_PIDS+="$name=$pid "
  [ "$name" != kafka ] || continue
  options=$(production_jvm_options "$name" "$pid")
  log "$(printf '%-15s pid %-7s JVM options: %s' "$name" "$pid" "$options")"
done
export COMPONENT_PIDS

if [ -z "${STRIPE_WEBHOOK_SECRET:-}" ]; then
  [ -f "$RUN_DIR/dev-secrets.env" ] || die "no STRIPE_WEBHOOK_SECRET and no $RUN_DIR/dev-secrets.env (infra/dev/up writes it)"
  STRIPE_WEBHOOK_SECRET=$(sed -n 's/^STRIPE_WEBHOOK_SECRET=//p' "$RUN_DIR/dev-secrets.env")
fi
export STRIPE_WEBHOOK_SECRET

# The benchmark's classpath: billing-service's own libraries (Jackson, the Postgres driver).
JAR=$(ls "$ROOT"/billing-service/target/billing-service-*.jar | grep -v original | head -1)
(cd "$WORK" && unzip -q "$JAR" 'BOOT-INF/lib/*')

log "build $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- . ':!*/bench/*' || echo ' (with uncommitted changes)'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx256m -cp "$WORK/BOOT-INF/lib/*" "$BENCH/BillingBench.java"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); work folder $WORK"
