# Shared by .ci/run and infra/dev/up: find the JDK and make sure Postgres and Redis are running.
# Source it; every function fails loudly with what to do.

# The JVM options to measure with: the full tiered JIT (C1, then C2), the heap of a production pod
# (75% of its 768 MiB limit, fixed so that no run pays for growing it) and the collector JDK 25
# itself picks there (Serial: a 768 MiB container is no "server-class machine"). infra/dev/up's
# JVM_PROFILE=production and the benchmarks use them.
PRODUCTION_JAVA_OPTS="-Xms576m -Xmx576m -XX:+UseSerialGC"

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Exports JAVA_HOME as the first JDK >= 25 found (JAVA_HOME itself, then /usr/lib/jvm/*).
pick_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [ -n "$major" ] && [ "${major%%.*}" -ge 25 ] 2>/dev/null; then
      export JAVA_HOME="$candidate" PATH="$candidate/bin:$PATH"
      return 0
    fi
  done
  die "no JDK >= 25 found (looked at \$JAVA_HOME and /usr/lib/jvm/*). Install one (e.g. Temurin 25) and set JAVA_HOME."
}

apt_install() {
  [ "$(id -u)" = 0 ] || die "$* is missing and installing it needs root: apt-get install $*"
  log "installing $* with apt-get"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_postgres() {
  command -v pg_ctlcluster >/dev/null || { apt_install postgresql postgresql-client; trust_local_postgres; }
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    log "starting Postgres"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  fi
  pg_isready -q -h 127.0.0.1 -p 5432 || die "Postgres is not answering on 127.0.0.1:5432"
  psql -h 127.0.0.1 -U postgres -d postgres -tAqc 'select 1' >/dev/null \
    || die "cannot log in to Postgres on 127.0.0.1 as postgres without a password (the local stack expects trust authentication on loopback)"
}

# A freshly installed Debian Postgres asks for passwords on TCP; the local machine trusts loopback.
trust_local_postgres() {
  local hba
  hba=$(ls /etc/postgresql/*/main/pg_hba.conf | sort -V | tail -1)
  sed -i -E 's/^(host\s+all\s+all\s+(127\.0\.0\.1\/32|::1\/128)\s+)\S+/\1trust/; s/^(local\s+all\s+(postgres|all)\s+)\S+/\1trust/' "$hba"
}

ensure_redis() {
  command -v redis-server >/dev/null || apt_install redis-server
  if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
    log "starting Redis"
    mkdir -p /var/lib/redis /var/log/redis
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
      --dir /var/lib/redis --logfile /var/log/redis/ci.log
    for _ in $(seq 1 20); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 0.5; done
  fi
  redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || die "Redis is not answering on 127.0.0.1:6379"
}
