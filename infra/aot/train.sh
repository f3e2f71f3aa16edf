#!/usr/bin/env bash
# Trains each deployable module's JDK AOT cache (JEP 483, with the method profiles of JEP 515):
# extracts the module's jar into MODULE/target/aot/ (MODULE-<version>.jar and lib/, Spring Boot's
# tools extract: a plain classpath, which the cache needs; classes loaded from nested jars cannot
# be cached) and runs it there once with -XX:AOTCacheOutput=MODULE/target/aot/app.aot.
# infra/dev/up and infra/aot/bench.sh run that extracted jar with -XX:AOTCache when the cache is
# newer than the module's jar; the JVM itself refuses a cache whose classpath changed. The jar is
# named by its absolute path in training, as where it runs: a cache trained on a relative path is
# refused by a JVM started from another directory ("shared class paths mismatch").
#
# The training run: -Dspring.context.exit=onRefresh, with the JVM options of production
# (PRODUCTION_JAVA_OPTS) and the dev profile (whose placeholders stand in for the secrets). Every
# singleton is created, so Flyway migrates and validates the schema in the machine's Postgres
# (database AOT_TRAINING_DB, roles and schemas applied here), as a start in production does.
# Kafka is not needed: the topics are not created at refresh (spring.kafka.admin.auto-create off;
# producers and consumers connect later), unless AOT_TRAINING_KAFKA names a broker of your own to
# create them on. No request is served, so the method profiles are those of start-up only.
# GATEWAY_TRAINING=load trains the gateway instead under load: started for real against the
# benchmark's backend (gateway/bench/backend.sh, an nginx with the JWKS) and the Redis on
# 127.0.0.1:6379, it serves wrk for GATEWAY_TRAINING_SECONDS with a user's token through every
# filter, and its cache then also holds the request path's classes and method profiles.
#
# Usage: infra/aot/train.sh [MODULE...]   (default: every deployable module; the jars must be built:
#        ./mvnw -B -DskipTests package)
# AOT_TRAINING_DB [saas_aot_training]  AOT_TRAINING_KAFKA [none]
# GATEWAY_TRAINING [refresh] or load   GATEWAY_TRAINING_SECONDS [30]  BACKEND_PORT [18290]
set -euo pipefail
source "$(dirname "$0")/../dev/lib.sh"
source "$(dirname "$0")/../dev/stack.sh"
cd "$ROOT"
pick_jdk

AOT_TRAINING_DB=${AOT_TRAINING_DB:-saas_aot_training}
GATEWAY_TRAINING=${GATEWAY_TRAINING:-refresh}
GATEWAY_TRAINING_SECONDS=${GATEWAY_TRAINING_SECONDS:-30}
BACKEND_PORT=${BACKEND_PORT:-18290}
case "$GATEWAY_TRAINING" in refresh|load) ;; *) die "GATEWAY_TRAINING=$GATEWAY_TRAINING: refresh or load" ;; esac
if [ "$#" -gt 0 ]; then modules=("$@"); else mapfile -t modules < <(present_services); fi

ensure_postgres
PGOPTIONS="-c client_min_messages=warning" infra/postgres/apply.sh "$AOT_TRAINING_DB" >/dev/null

# What a module's context needs to refresh.
training_env() {
  echo "SPRING_PROFILES_ACTIVE=dev"
  echo "DB_URL=jdbc:postgresql://127.0.0.1:5432/$AOT_TRAINING_DB"
  if [ -n "${AOT_TRAINING_KAFKA:-}" ]; then
    echo "KAFKA_BOOTSTRAP_SERVERS=$AOT_TRAINING_KAFKA"
  else
    echo "SPRING_KAFKA_ADMIN_AUTO_CREATE=false"
  fi
}

# train_load MODULE_JAR LOG: the gateway under load until GATEWAY_TRAINING_SECONDS have passed.
train_gateway_under_load() {
  local jar=$1 training_log=$2 port=$((BACKEND_PORT + 1)) gateway_pid
  WORK=$(mktemp -d /tmp/aot-training.XXXXXX)
  PIDS=()
  source "$ROOT/gateway/bench/backend.sh"
  bench_backend 1
  command -v wrk >/dev/null || die "GATEWAY_TRAINING=load needs wrk (apt-get install wrk nginx)"
  ensure_redis
  mapfile -t envs < <(training_env)
  # shellcheck disable=SC2086 # PRODUCTION_JAVA_OPTS is a list of JVM options
  env "${envs[@]}" REDIS_HOST=127.0.0.1 REDIS_PORT=6379 java $PRODUCTION_JAVA_OPTS -XX:AOTCacheOutput=app.aot -jar "$jar" \
    --server.port="$port" --management.server.port="$((port + 1))" "${OURS_COMMON[@]}" \
    --saas.gateway.rate-limit.key-prefix="aot-training-$$:" \
    --saas.gateway.rate-limit.default-policy.limit=1000000000 >"$training_log" 2>&1 &
  gateway_pid=$!
  for _ in $(seq 1 120); do
    curl -fsS -o /dev/null -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port$PATH_UNDER_TEST" 2>/dev/null && break
    kill -0 "$gateway_pid" 2>/dev/null || break
    sleep 0.5
  done
  wrk -t2 -c32 -d"${GATEWAY_TRAINING_SECONDS}s" -H "Authorization: Bearer $TOKEN" \
    "http://127.0.0.1:$port$PATH_UNDER_TEST" >>"$training_log" 2>&1 || true
  # A graceful exit writes the cache (the JVM assembles it in a child process before it ends).
  kill -TERM "$gateway_pid" 2>/dev/null || true
  local rc=0
  wait "$gateway_pid" || rc=$?
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
  # 143: ended by the TERM above, as intended.
  [ "$rc" = 0 ] || [ "$rc" = 143 ]
}

for m in "${modules[@]}"; do
  jar=$(ls "$ROOT/$m"/target/"$m"-*.jar 2>/dev/null | grep -v '\.original$' | head -1 || true)
  [ -n "$jar" ] || die "$m has no jar: ./mvnw -B -DskipTests package -pl $m -am"
  dir=$(aot_dir_of "$m")
  rm -rf "$dir"
  java -Djarmode=tools -jar "$jar" extract --destination "$dir" >/dev/null
  training_log="$dir/training.log"
  t0=$SECONDS
  if [ "$m" = gateway ] && [ "$GATEWAY_TRAINING" = load ]; then
    how="under load for ${GATEWAY_TRAINING_SECONDS}s"
    (cd "$dir" && train_gateway_under_load "$dir/$(basename "$jar")" "$training_log") \
      || { tail -n 30 "$training_log" >&2; die "training $m failed (log: $training_log)"; }
  else
    how="to the context's refresh"
    mapfile -t envs < <(training_env)
    # shellcheck disable=SC2086 # PRODUCTION_JAVA_OPTS is a list of JVM options
    (cd "$dir" && env "${envs[@]}" java $PRODUCTION_JAVA_OPTS -XX:AOTCacheOutput=app.aot \
      -Dspring.context.exit=onRefresh -jar "$dir/$(basename "$jar")" --server.port=0 >"$training_log" 2>&1) \
      || { tail -n 30 "$training_log" >&2; die "training $m failed (log: $training_log)"; }
  fi
  [ -s "$dir/app.aot" ] || { tail -n 30 "$training_log" >&2; die "training $m wrote no cache (log: $training_log)"; }
  log "$(printf '%-15s trained %s in %ss: %s (%s MB)' "$m" "$how" "$((SECONDS - t0))" \
    "${dir#"$ROOT"/}/app.aot" "$(($(stat -c %s "$dir/app.aot") / 1048576))")"
done
