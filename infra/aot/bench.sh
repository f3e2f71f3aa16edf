#!/usr/bin/env bash
# How much the JDK AOT caches of infra/aot/train.sh shorten start-up, with the JVM options of
# production (PRODUCTION_JAVA_OPTS in infra/dev/lib.sh), in two parts:
#   start    each service's start to ready in the local stack (infra/dev/up, which this starts with
#            JVM_PROFILE=production unless it runs): the service is stopped (infra/dev/stop) and
#            started again (infra/dev/start) RUNS times without its cache and RUNS times with it,
#            alternating. Start to ready is from the process's start (/proc/<pid>/stat) to the
#            first 200 of /actuator/health/readiness, asked every 50 ms; Spring's own "Started ...
#            in X seconds" is read from its log.
#   gateway  the gateway's way to its steady throughput: started alone against the gateway
#            benchmark's backend (gateway/bench/backend.sh: an nginx answering a fixed body, and the
#            JWKS) and the Redis on 127.0.0.1:6379, it gets wrk load through every filter (one
#            user's token, a rate limit it never reaches) as soon as it answers, in 1 s rounds for
#            LOAD_SECONDS. Its steady throughput is the median of the last STEADY_SECONDS rounds;
#            the time to 90 % is from the process's start to the end of the first round at 90 % of it
#            or more. RUNS times without the cache and with it, alternating.
# Both print their tables (Markdown) at the end; raw numbers, logs and wrk output go to the work
# folder it names. The caches must be trained for the jars that run (infra/aot/train.sh).
#
# Usage: infra/aot/bench.sh   (PARTS="start gateway" RUNS=3 LOAD_SECONDS=90 STEADY_SECONDS=20
#                              SERVICES="every deployable module" CONNECTIONS=32 THREADS=2
#                              BACKEND_PORT=18290 GATEWAY_BENCH_PORT=18292)
# The local stack's variables (ports, SAAS_DB_NAME, STACK_REDIS, ...) are infra/dev/up's; give the
# same to infra/dev/down afterwards if this started the stack (it says so, and leaves it running).
set -euo pipefail
source "$(dirname "$0")/../dev/lib.sh"
source "$(dirname "$0")/../dev/stack.sh"
cd "$ROOT"
pick_jdk

PARTS=${PARTS:-start gateway}
RUNS=${RUNS:-3}
LOAD_SECONDS=${LOAD_SECONDS:-90}
STEADY_SECONDS=${STEADY_SECONDS:-20}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
BACKEND_PORT=${BACKEND_PORT:-18290}
GATEWAY_BENCH_PORT=${GATEWAY_BENCH_PORT:-18292} # and the next one, its management port
export JVM_PROFILE=production
unset SERVICE_JAVA_OPTS
WORK=$(mktemp -d /tmp/aot-bench.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT
if [ -n "${SERVICES:-}" ]; then read -r -a services <<<"$SERVICES"; else mapfile -t services < <(present_services); fi
for tool in wrk nginx curl; do
  command -v "$tool" >/dev/null || die "missing $tool (apt-get install wrk nginx curl)"
done

# The moment a process started, in seconds since the epoch (its start time in clock ticks since boot).
process_start() {
  local ticks boot
  ticks=$(awk '{print $22}' "/proc/$1/stat")
  boot=$(awk '/^btime/ {print $2}' /proc/stat)
  awk -v t="$ticks" -v b="$boot" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.2f", b + t / hz}'
}
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", b - a}'; }

# Which cache a module ran with, for the tables.
cache_state() { aot_launch "$1" "$(ls "$ROOT/$1"/target/"$1"-*.jar | grep -v '\.original$' | head -1)" "$2"; echo "$AOT_STATE"; }

# A JVM that cannot use its cache says so on its standard output and runs without it; such a
# run would be measured as one with the cache.
refused_cache() {
  if grep -m1 '\[error *\]\[aot\]'; then
    die "$1 ran without its AOT cache (the line above, in its log); train it again: infra/aot/train.sh $1"
  fi
  return 0
}

# --- start: each service's start to ready --------------------------------------------------------
bench_start() {
  if ! running_pid gateway >/dev/null; then
    log "starting the local stack (JVM_PROFILE=production); stop it with infra/dev/down and the same variables"
    infra/dev/up >"$WORK/up.log" 2>&1 || { tail -n 30 "$WORK/up.log" >&2; die "infra/dev/up failed"; }
  fi
  local name run mode pid t_start t_ready started url
  for name in "${services[@]}"; do
    echo "$name off $(cache_state "$name" off)" >>"$WORK/start-caches"
    echo "$name on $(cache_state "$name" on)" >>"$WORK/start-caches"
    url="http://127.0.0.1:$(port_of "$name")/actuator/health/readiness"
    for run in $(seq 1 "$RUNS"); do
      for mode in off on; do
        infra/dev/stop "$name" >>"$WORK/stop.log" 2>&1
        local log_lines
        log_lines=$(wc -l <"$LOG_DIR/$name.log")
        AOT_CACHE=$mode infra/dev/start "$name" >>"$WORK/start-$name.log" 2>&1 &
        local starter=$!
        until curl -fsS -m 1 -o /dev/null "$url" 2>/dev/null; do
          kill -0 "$starter" 2>/dev/null || { tail -n 20 "$WORK/start-$name.log" >&2; die "$name did not start"; }
          sleep 0.05
        done
        t_ready=$(now)
        pid=$(running_pid "$name")
        t_start=$(process_start "$pid")
        wait "$starter" || die "infra/dev/start $name failed (see $WORK/start-$name.log)"
        tail -n +"$((log_lines + 1))" "$LOG_DIR/$name.log" | refused_cache "$name"
        # Spring's own measure, from the service's log: the last "Started ... in X seconds".
        started=$(grep -o 'Started [A-Za-z]* in [0-9.]* seconds (process running for [0-9.]*)' \
          "$LOG_DIR/$name.log" | tail -1 | sed -E 's/.* in ([0-9.]+) seconds \(process running for ([0-9.]+)\)/\1 \2/')
        echo "$name $mode $run $(elapsed "$t_start" "$t_ready") $started" | tee -a "$WORK/start"
      done
    done
  done
}

# --- gateway: time to 90 % of steady throughput ---------------------------------------------------
bench_gateway() {
  source "$ROOT/gateway/bench/backend.sh"
  bench_backend 1
  ensure_redis
  local jar run mode pid t_start url="http://127.0.0.1:$GATEWAY_BENCH_PORT$PATH_UNDER_TEST" out second rps
  jar=$(ls "$ROOT"/gateway/target/gateway-*.jar | grep -v '\.original$' | head -1)
  echo "gateway off $(cache_state gateway off)" >>"$WORK/gateway-caches"
  echo "gateway on $(cache_state gateway on)" >>"$WORK/gateway-caches"
  for run in $(seq 1 "$RUNS"); do
    for mode in off on; do
      aot_launch gateway "$jar" "$mode"
      out="$WORK/gateway-$mode-$run"
      # shellcheck disable=SC2086 # PRODUCTION_JAVA_OPTS is a list of JVM options
      REDIS_HOST=127.0.0.1 REDIS_PORT=6379 java $PRODUCTION_JAVA_OPTS "${AOT_ARGS[@]}" --server.port="$GATEWAY_BENCH_PORT" \
        --management.server.port="$((GATEWAY_BENCH_PORT + 1))" "${OURS_COMMON[@]}" \
        --saas.gateway.rate-limit.key-prefix="aot-bench-$$-$mode-$run:" \
        --saas.gateway.rate-limit.default-policy.limit=1000000000 >"$out.log" 2>&1 &
      pid=$!
      PIDS+=("$pid")
      t_start=$(process_start "$pid")
      until curl -fsS -m 1 -o /dev/null -H "Authorization: Bearer $TOKEN" "$url" 2>/dev/null; do
        kill -0 "$pid" 2>/dev/null || { tail -n 20 "$out.log" >&2; die "the gateway exited during start"; }
        sleep 0.05
      done
      echo "first answer $(elapsed "$t_start" "$(now)")" >"$out.rounds"
      refused_cache gateway <"$out.log"
      # 1 s rounds of load; each line: seconds since the process started (at the round's end), requests/s.
      for second in $(seq 1 "$LOAD_SECONDS"); do
        rps=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d1s -H "Authorization: Bearer $TOKEN" "$url" \
          | tee -a "$out.wrk" | awk '/^Requests\/sec/ {print $2}')
        echo "$(elapsed "$t_start" "$(now)") $rps" >>"$out.rounds"
      done
      kill "$pid" && wait "$pid" 2>/dev/null || true
      # Non-2xx answers are fast and would flatter the throughput.
      awk '/Non-2xx/ {n += $NF} END {if (n) print "WARNING: '"$mode"' run '"$run"': " n " non-2xx answers" > "/dev/stderr"}' "$out.wrk"
      awk -v steady="$STEADY_SECONDS" -v mode="$mode" -v run="$run" '
        NR == 1 { first = $3; next }
        { t[++n] = $1; r[n] = $2 }
        END {
          for (i = n - steady + 1; i <= n; i++) s[++m] = r[i]
          for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (s[j] < s[i]) { x = s[i]; s[i] = s[j]; s[j] = x }
          median = m % 2 ? s[(m + 1) / 2] : (s[m / 2] + s[m / 2 + 1]) / 2
          at = "-"
          for (i = 1; i <= n; i++) if (r[i] >= 0.9 * median) { at = t[i]; break }
          for (i = 1; i <= n; i++) if (t[i] <= 10.5) at10 = r[i]
          printf "gateway %s %s %s %.0f %s %.0f\n", mode, run, first, median, at, at10
        }' "$out.rounds" | tee -a "$WORK/gateway"
    done
  done
}

for part in $PARTS; do
  case "$part" in
    start) bench_start ;;
    gateway) bench_gateway ;;
    *) die "PARTS: start and/or gateway, not $part" ;;
  esac
done

echo
echo "($(nproc) CPUs, $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg); JVM options: $PRODUCTION_JAVA_OPTS)"
if [ -f "$WORK/start" ]; then
  echo
  sed 's/^/cache: /' "$WORK/start-caches"
  echo
  echo "| service | cache | start to ready, s (runs) | median | Spring's \"Started in\", s (runs) | median | process running, s (median) |"
  echo "|---|---|---|---|---|---|---|"
  awk '
    function median(list,   n, v, i, j, x) {
      n = split(list, v, " ")
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] + 0 < v[i] + 0) { x = v[i]; v[i] = v[j]; v[j] = x }
      return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
    }
    { key = $1 " " $2; if (!(key in ready)) order[++k] = key
      ready[key] = ready[key] " " $4; spring[key] = spring[key] " " $5; running[key] = running[key] " " $6 }
    END { for (i = 1; i <= k; i++) { key = order[i]; split(key, p, " ")
      printf "| %s | %s |%s | %.2f |%s | %.2f | %.2f |\n", p[1], p[2], ready[key], median(ready[key]), spring[key], median(spring[key]), median(running[key]) } }
  ' "$WORK/start"
fi
if [ -f "$WORK/gateway" ]; then
  echo
  sed 's/^/cache: /' "$WORK/gateway-caches"
  echo
  echo "| gateway cache | run | first answer, s | steady requests/s (last ${STEADY_SECONDS}s) | 90 % of steady reached at, s | requests/s in the round ending by 10 s |"
  echo "|---|---|---|---|---|---|"
  awk '{printf "| %s | %s | %s | %s | %s | %s |\n", $2, $3, $4, $5, ($6 == "-" ? "not within the run" : $6), $7}' "$WORK/gateway"
fi
echo
echo "raw numbers, logs and wrk output: $WORK"
