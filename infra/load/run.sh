#!/usr/bin/env bash
# The whole suite under fixed arrival rates: Gatling (infra/load, Java DSL, open model) sends the
# suite's request mix through the gateway of the local stack in steps of constant rates, each
# step's percentiles on its own, then finds the highest rate whose p99 stays under P99_GOAL_MS.
# Mix (SuiteMixSimulation): 60 % GET /tasks?pageSize=20, 14 % GET /users/me, 10 % POST /tasks,
# 10 % OFREP bulk evaluation, 5 % refresh rotations, 1 % logins; USERS users, each with its own
# token and client address (X-Forwarded-For), so the per-user and per-IP limits apply as in
# production (the per-user default, 100 a minute, is not raised: at 1,000 requests/s 1,000 users
# send 60 a minute each).
# The stack must run with production JIT settings: when the gateway does not answer, this script
# starts it (JVM_PROFILE=production infra/dev/up) and stops it at the end; a running stack is used
# as it is, and refused if a JVM on the path runs C1 only.
# Usage: infra/load/run.sh   (RATES=100,250,500,1000 STEP_SECONDS=60 WARMUP_SECONDS=60 USERS=1000
#                             P99_GOAL_MS=50 REFINE=1)
# REFINE=1: when a step misses the goal after one that met it, a second run tries three rates
# between them. Gatling's HTML reports stay in infra/load/target/gatling/.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
source "$ROOT/infra/dev/lib.sh"
source "$ROOT/infra/dev/stack.sh"
RATES=${RATES:-100,250,500,1000}
STEP_SECONDS=${STEP_SECONDS:-60}
WARMUP_SECONDS=${WARMUP_SECONDS:-60}
USERS=${USERS:-1000}
P99_GOAL_MS=${P99_GOAL_MS:-50}
REFINE=${REFINE:-1}
GATEWAY_URL="http://127.0.0.1:$GATEWAY_PORT"
REPORTS="$ROOT/infra/load/target/gatling"
read -r -a mvn <<<"${MVN:-$ROOT/mvnw}"
STARTED_STACK=""
cleanup() { [ -z "$STARTED_STACK" ] || "$ROOT/infra/dev/down" >/dev/null; }
trap cleanup EXIT

command -v python3 >/dev/null || apt_install python3
pick_jdk
if ! curl -fs -m 2 -o /dev/null "$GATEWAY_URL/actuator/health"; then
  log "no gateway on $GATEWAY_URL: starting the local stack with JVM_PROFILE=production"
  STARTED_STACK=1
  JVM_PROFILE=production "$ROOT/infra/dev/up" >/tmp/load-stack.log 2>&1 \
    || { tail -20 /tmp/load-stack.log; die "infra/dev/up failed (log: /tmp/load-stack.log)"; }
fi
for name in gateway auth-service user-service task-service flags-service; do
  pid=$(running_pid "$name") || die "$name of this checkout's stack is not running (infra/dev/up from $ROOT, with the same ports)"
  log "$(printf '%-13s pid %-7s JVM options: %s' "$name" "$pid" "$(production_jvm_options "$name" "$pid")")"
done
# environment_of name variable: a variable of a running component's environment.
environment_of() { tr '\0' '\n' <"/proc/$(running_pid "$1")/environ" | sed -n "s/^$2=//p"; }
limit=$(environment_of gateway RATE_LIMIT_DEFAULT)
log "gateway per-user limit: ${limit:-100 (the default)} requests a minute"
# The seeded admin creates the flags the mix evaluates.
ADMIN_EMAIL=$(environment_of auth-service ADMIN_EMAIL)
ADMIN_PASSWORD=$(environment_of auth-service ADMIN_PASSWORD)
[[ -n "$ADMIN_EMAIL" && -n "$ADMIN_PASSWORD" ]] || die "auth-service runs without ADMIN_EMAIL / ADMIN_PASSWORD"

# run_steps rates: one Gatling run (a warm-up at the first rate, then each rate in turn); prints
# "rate requests ko p50 p95 p99 max" a step, from the report's stats.
run_steps() {
  local before report
  before=$(ls -d "$REPORTS"/*/ 2>/dev/null | sort | tail -1 || true)
  (cd "$ROOT" && "${mvn[@]}" -B -q -ntp -f infra/load/pom.xml gatling:test \
    -Dgateway="$GATEWAY_URL" -Drates="$1" -Dseconds="$STEP_SECONDS" \
    -DwarmupSeconds="$WARMUP_SECONDS" -Dusers="$USERS" \
    -DadminEmail="$ADMIN_EMAIL" -DadminPassword="$ADMIN_PASSWORD") >&2
  report=$(ls -d "$REPORTS"/*/ | sort | tail -1)
  [[ "$report" != "$before" ]] || die "Gatling wrote no report"
  log "Gatling's report: ${report}index.html" >&2
  # Gatling 3.15 writes its statistics into the report's HTML only: one row a group (a step).
  python3 - "${report}index.html" <<'PARSE'
import re, sys
html = open(sys.argv[1]).read()
for body in re.findall(r'<tr id="group_[^"]+" data-parent="ROOT">(.*?)</tr>', html, re.S):
    name = re.search(r'class="ellipsed-name">([^<]+)<', body).group(1)
    if name.startswith("warm-up") or not name.endswith("/s"):
        continue
    # Total, OK, KO, % KO, count/s, min, p50, p75, p95, p99, max, mean, standard deviation
    cells = re.findall(r'<td class="value[^"]*">\s*([^<]*?)\s*</td>', body)
    print("\t".join([name[:-2], cells[0], cells[2], cells[6], cells[8], cells[9], cells[10]]))
PARSE
}

results=$(mktemp)
run_steps "$RATES" >>"$results"
if [[ "$REFINE" == 1 ]]; then
  # The last rate that met the goal (without failed requests) and the first that missed it.
  read -r met missed < <(sort -n "$results" | awk -v goal="$P99_GOAL_MS" '
    { ok = ($6 < goal && $3 == 0) }
    ok && !missed { met = $1 } !ok && !missed && met { missed = $1 }
    END { print met + 0, missed + 0 }')
  if (( met > 0 && missed > 0 )); then
    step=$(( (missed - met) / 4 ))
    log "refining between $met (met) and $missed (missed): $((met + step)),$((met + 2 * step)),$((met + 3 * step))"
    run_steps "$((met + step)),$((met + 2 * step)),$((met + 3 * step))" >>"$results"
  fi
fi

echo
echo "Gatling open model, $STEP_SECONDS s a step after a ${WARMUP_SECONDS} s warm-up, $USERS users; $(nproc) CPUs, $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| requests/s sent | requests | failed | p50 ms | p95 ms | p99 ms | max ms | p99 < $P99_GOAL_MS ms |"
echo "|---|---|---|---|---|---|---|---|"
sort -n "$results" | awk -v goal="$P99_GOAL_MS" -F'\t' '{
  printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, ($6 < goal && $3 == 0) ? "yes" : "no" }'
best=$(sort -n "$results" | awk -v goal="$P99_GOAL_MS" -F'\t' '$6 < goal && $3 == 0 { best = $1 } END { print best + 0 }')
echo
echo "highest rate with p99 < $P99_GOAL_MS ms and no failed request: $best requests/s"
