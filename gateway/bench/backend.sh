# The gateway benchmarks' backend, shared by gateway/bench/run.sh and infra/aot/bench.sh. Source it
# after infra/dev/lib.sh with WORK (an empty folder) and BACKEND_PORT set; bench_backend USERS then
# writes USERS users' access tokens (WORK/tokens.txt, TOKEN the first) signed by a key whose JWKS
# the backend serves, and starts the backend: one nginx worker answering a fixed JSON body and the
# JWKS. Every process started is appended to PIDS. OURS_COMMON holds the arguments our gateway
# needs to route to the backend and to verify the tokens.

BENCH="$ROOT/gateway/bench"
PATH_UNDER_TEST=/api/v1/tasks
ISSUER=https://auth.bench.acme.example
AUDIENCE=acme-saas
JWKS_URI="http://127.0.0.1:$BACKEND_PORT/.well-known/jwks.json"
BACKEND_URI="http://127.0.0.1:$BACKEND_PORT"
OURS_COMMON=(
  --saas.security.jwks-uri="$JWKS_URI"
  --saas.security.issuer="$ISSUER"
  --saas.security.audience="$AUDIENCE"
  --saas.security.jwks-timeout=5s
  --saas.gateway.services.auth="$BACKEND_URI"
  --saas.gateway.services.users="$BACKEND_URI"
  --saas.gateway.services.tasks="$BACKEND_URI"
  --saas.gateway.services.billing="$BACKEND_URI"
  --saas.gateway.services.flags="$BACKEND_URI"
)

# nginx_conf name server-block: starts an nginx of one worker with that server block.
nginx_conf() {
  cat > "$WORK/$1.conf" <<CONF
worker_processes 1;
daemon off;
pid $WORK/$1.pid;
error_log $WORK/$1-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/$1-body; proxy_temp_path $WORK/$1-proxy;
  fastcgi_temp_path $WORK/$1-fcgi; uwsgi_temp_path $WORK/$1-uwsgi; scgi_temp_path $WORK/$1-scgi;
  keepalive_requests 1000000;
  $2
}
CONF
  nginx -p "$WORK" -c "$WORK/$1.conf" &
  PIDS+=($!)
}

bench_backend() {
  local users=$1 nimbus
  chmod 755 "$WORK" # nginx workers (nobody) read the JWKS file from here
  nimbus=$(ls ~/.m2/repository/com/nimbusds/nimbus-jose-jwt/*/nimbus-jose-jwt-*.jar | grep -v sources | sort -V | tail -1)
  mkdir -p "$WORK/static/.well-known"
  "$JAVA_HOME/bin/java" -cp "$nimbus" "$BENCH/BenchTokens.java" "$WORK" "$users"
  mv "$WORK/jwks.json" "$WORK/static/.well-known/jwks.json"
  TOKEN=$(head -1 "$WORK/tokens.txt")
  nginx_conf backend "server {
    listen 127.0.0.1:$BACKEND_PORT;
    location = /.well-known/jwks.json { root $WORK/static; default_type application/json; }
    location / { default_type application/json; return 200 '{\"data\":{\"id\":\"3f2b\",\"title\":\"bench\"}}'; }
  }"
}
