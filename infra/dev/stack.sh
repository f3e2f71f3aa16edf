# Shared by infra/dev/up and infra/dev/down: where the local stack keeps its state, which
# components exist, and how a recorded process is recognised. Source it after lib.sh.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
RUN_DIR="$ROOT/infra/dev/.run"     # git-ignored: Kafka data, logs, PIDs, dev secrets, Stripe stand-in state
PID_DIR="$RUN_DIR/pids"
LOG_DIR="$RUN_DIR/logs"

# Ports (each overridable by the environment).
GATEWAY_PORT=${GATEWAY_PORT:-8080}
GATEWAY_MANAGEMENT_PORT=${GATEWAY_MANAGEMENT_PORT:-8090} # the gateway's /actuator/prometheus
AUTH_PORT=${AUTH_PORT:-8081}
USER_PORT=${USER_PORT:-8082}
TASK_PORT=${TASK_PORT:-8083}
BILLING_PORT=${BILLING_PORT:-8084}
FLAGS_PORT=${FLAGS_PORT:-8085}
KAFKA_PORT=${KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-9093}
STRIPE_STUB_PORT=${STRIPE_STUB_PORT:-12111}   # the Stripe stand-in (infra/dev/stripe), when no STRIPE_API_KEY is set
SMTP_PORT=${SMTP_PORT:-3025}                  # the local SMTP server (GreenMail, infra/dev/mail) auth-service sends to
MAIL_API_PORT=${MAIL_API_PORT:-8095}          # its web API, where people and scripts read the mails
# STACK_REDIS=own: the stack runs a redis-server of its own on REDIS_PORT (16379 unless set), which
# infra/dev/stop can stop (the fault drills do); otherwise the machine's Redis on 6379 is used.
STACK_REDIS=${STACK_REDIS:-machine}
if [ "$STACK_REDIS" = own ]; then REDIS_PORT=${REDIS_PORT:-16379}; else REDIS_PORT=${REDIS_PORT:-6379}; fi

# Every deployable module of the suite, in start order; only those present in the build are run.
ALL_SERVICES=(auth-service user-service task-service billing-service flags-service gateway)

port_of() {
  case "$1" in
    gateway) echo "$GATEWAY_PORT" ;;
    auth-service) echo "$AUTH_PORT" ;;
    user-service) echo "$USER_PORT" ;;
    task-service) echo "$TASK_PORT" ;;
    billing-service) echo "$BILLING_PORT" ;;
    flags-service) echo "$FLAGS_PORT" ;;
    kafka) echo "$KAFKA_PORT" ;;
    stripe) echo "$STRIPE_STUB_PORT" ;;
    mail) echo "$MAIL_API_PORT" ;;
    redis) echo "$REDIS_PORT" ;;
  esac
}

# The service modules that exist in this checkout: a directory with a pom, listed in the root pom.
present_services() {
  local m
  for m in "${ALL_SERVICES[@]}"; do
    [ -f "$ROOT/$m/pom.xml" ] && grep -q "<module>$m</module>" "$ROOT/pom.xml" && echo "$m"
  done
  return 0
}

# Every process the stack starts carries this marker on its command line, so a PID that the
# system has meanwhile given to another program is never mistaken for ours. The stack's own
# redis-server (STACK_REDIS=own) takes no such argument: its marker is its data directory, which
# it keeps on its command line (set-proc-title no).
marker_of() {
  case "$1" in
    redis) echo "--dir $RUN_DIR/redis" ;;
    *) echo "-Dsaas.dev.component=$1@$ROOT" ;;
  esac
}

# Prints the recorded PID of a component if that process is still ours and alive.
running_pid() {
  local file="$PID_DIR/$1.pid" pid
  [ -f "$file" ] || return 1
  pid=$(cat "$file")
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$(marker_of "$1")" || return 1
  echo "$pid"
}

# Whether a component just launched is still alive. Its recorded PID is that of the shell fork
# that becomes java, so for a moment its command line does not show the marker yet; running_pid
# would call it gone.
launched_alive() {
  local file="$PID_DIR/$1.pid"
  [ -f "$file" ] && kill -0 "$(cat "$file")" 2>/dev/null
}

# Stops components by their recorded PIDs, all at once: TERM, then KILL after a 30 s grace period.
stop_components() {
  local name pid i
  local -A pids=()
  for name in "$@"; do
    if pid=$(running_pid "$name"); then
      kill -TERM "$pid" 2>/dev/null || true
      pids[$name]=$pid
    fi
  done
  for i in $(seq 1 60); do
    for name in "${!pids[@]}"; do
      if ! kill -0 "${pids[$name]}" 2>/dev/null; then
        log "stopped $name (pid ${pids[$name]})"
        unset "pids[$name]"
      fi
    done
    [ "${#pids[@]}" -gt 0 ] || break
    sleep 0.5
  done
  for name in "${!pids[@]}"; do
    kill -KILL "${pids[$name]}" 2>/dev/null || true
    log "stopped $name (pid ${pids[$name]}, killed after 30 s)"
  done
  for name in "$@"; do rm -f "$PID_DIR/$name.pid"; done
}

# Runs as a background job (`detach CMD ARGS... &`, whose PID then is the command's): puts CMD in
# a session of its own, holding none of this shell's open files but the standard three. A process
# that runs for hours must not keep its caller's pipe or lock open (flock(1), for one, hands its
# lock to the command it runs and so to whatever that starts).
detach() {
  local fd
  for fd in /proc/$BASHPID/fd/*; do
    fd=${fd##*/}
    if [ "$fd" -gt 2 ] 2>/dev/null; then eval "exec $fd>&-" 2>/dev/null || true; fi
  done
  exec setsid "$@"
}

# The JVM options a running component was started with (the stack's marker left out). A benchmark
# refuses a component that runs C1 only, up's default tuned for start-up: its numbers would not be
# production's.
production_jvm_options() {
  local name=$1 pid=$2 options
  options=$(tr '\0' ' ' <"/proc/$pid/cmdline" | sed -e 's/ -jar .*//' -e 's/^[^ ]*java //' -e 's/ -Dsaas\.dev\.component=[^ ]*//')
  [[ $options != *TieredStopAtLevel=1* ]] \
    || die "$name runs with $options: C1 only, tuned for start-up. Restart the stack with JVM_PROFILE=production (infra/dev/down, then JVM_PROFILE=production infra/dev/up)"
  echo "$options"
}

# Whether a name is a component infra/dev/up runs (what infra/dev/stop and start accept).
known_component() {
  case "$1" in
    kafka|stripe|mail|redis) return 0 ;;
  esac
  local m
  for m in "${ALL_SERVICES[@]}"; do [ "$m" = "$1" ] && return 0; done
  return 1
}

# A module's JDK AOT cache (infra/aot/train.sh): MODULE/target/aot/app.aot, trained on the jar
# extracted beside it (a plain classpath; the cache cannot hold classes of the fat jar's nested jars).
aot_dir_of() { echo "$ROOT/$1/target/aot"; }

# aot_launch MODULE FAT_JAR MODE: sets AOT_ARGS to the java arguments that run the module. MODE
# on: the extracted jar with its cache when that cache is newer than FAT_JAR (a rebuilt jar needs a
# new training run, and the JVM refuses a cache whose classpath changed anyway); otherwise, and
# with MODE off, FAT_JAR. AOT_STATE says which, and why.
aot_launch() {
  local module=$1 jar=$2 mode=$3 dir extracted
  dir=$(aot_dir_of "$module")
  extracted="$dir/$(basename "$jar")"
  if [ "$mode" = off ]; then
    AOT_STATE="no AOT cache (AOT_CACHE=off)"
  elif [ ! -f "$dir/app.aot" ] || [ ! -f "$extracted" ]; then
    AOT_STATE="no AOT cache (not trained: infra/aot/train.sh $module)"
  elif [ "$jar" -nt "$dir/app.aot" ]; then
    AOT_STATE="no AOT cache (the jar is newer than its cache: infra/aot/train.sh $module)"
  else
    AOT_STATE="AOT cache ${dir#"$ROOT"/}/app.aot"
    AOT_ARGS=("-XX:AOTCache=$dir/app.aot" -jar "$extracted")
    return 0
  fi
  AOT_ARGS=(-jar "$jar")
}
