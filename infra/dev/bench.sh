# Shared by the benchmarks of the local stack (flags-service/bench/run.sh,
# task-service/bench/run.sh): warm-up, CPU readings and wrk's results. Source it after lib.sh;
# the script defines WORK, GATEWAY_URL and run:
#   run name seconds out [wrk options]: one wrk run of the target called name, its output to out

# The method both share, each overridable: wrk -t$THREADS -c$CONNECTIONS, measured rounds of
# DURATION, ROUNDS of them, after a warm-up of WARMUP_MIN to WARMUP_MAX seconds.
DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
ROUNDS=${ROUNDS:-3}
WARMUP_MIN=${WARMUP_MIN:-20}
WARMUP_MAX=${WARMUP_MAX:-60}

# A random client address for X-Forwarded-For, so that per-IP limits (registration) do not trip.
client_ip() { echo "10.$((RANDOM % 254 + 1)).$((RANDOM % 255)).$((RANDOM % 254 + 1))"; }

# post path token|- json: a POST through the gateway, from a random client address; the answer's
# body. Fails on a status other than 2xx or 409 (a flag that exists already is kept).
post() {
  local auth=() status
  [ "$2" = - ] || auth=(-H "Authorization: Bearer $2")
  status=$(curl -s -o "$WORK/answer" -w '%{http_code}' -X POST "${auth[@]}" -H 'Content-Type: application/json' \
    -H "X-Forwarded-For: $(client_ip)" --data "$3" "$GATEWAY_URL$1")
  [[ $status == 2* || $status == 409 ]] || die "POST $1 answered $status: $(cat "$WORK/answer")"
  cat "$WORK/answer"
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # utime + stime, in 1/100 s

# warm_up name: 5 s rounds until throughput stops rising: the best of the last three rounds is
# within 5% of the best before them (at least WARMUP_MIN seconds, at most WARMUP_MAX).
warm_up() {
  local name=$1 elapsed=0 rounds=() rps
  while ((elapsed < WARMUP_MAX)); do
    run "$name" 5s "$WORK/warm-up.out"
    rps=$(awk '/^Requests\/sec/ {print $2}' "$WORK/warm-up.out")
    elapsed=$((elapsed + 5))
    rounds+=("$rps")
    echo "$name warm-up ${elapsed}s: $rps requests/s" >>"$WORK/warm-up"
    if ((elapsed >= WARMUP_MIN)) && echo "${rounds[@]}" | awk '{
        for (i = 1; i <= NF; i++) if (i > NF - 3) { if ($i > last) last = $i } else if ($i > before) before = $i
        exit !(before > 0 && last <= before * 1.05) }'; then
      log "$name warmed up after ${elapsed}s (${rounds[*]} requests/s)"
      return 0
    fi
  done
  log "$name: throughput still rising after ${WARMUP_MAX}s (${rounds[*]}); measuring anyway"
}

# wrk_result name round out ticks-a ticks-b: one line "name round requests/s p50 p99 failures
# a-µs b-µs" from wrk --latency's output: p50 and p99 in ms, failures the non-2xx answers and
# socket errors, and two processes' CPU ticks (1/100 s) during the run as µs per request.
wrk_result() {
  awk -v name="$1" -v round="$2" -v a="$4" -v b="$5" '
    function ms(v) { return v ~ /us$/ ? v * 0.001 : v ~ /ms$/ ? v + 0 : v * 1000 }
    /requests in/ { requests = $1 }
    /^Requests\/sec/ { rps = $2 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    /Non-2xx/ { errors += $NF }
    /Socket errors/ { gsub(/,/, ""); errors += $4 + $6 + $8 + $10 }
    END { printf "%s %s %.0f %.2f %.2f %d %.0f %.0f\n", name, round, rps, p50, p99, errors,
            a * 10000 / requests, b * 10000 / requests }' "$3"
}
