#!/usr/bin/env bash
# Encoding cost of one JSON log line: Spring Boot's "ecs" console format against the suite's
# EcsLogFormatter (the same bytes, built through a string), alternating rounds on one thread.
# Needs a JDK 25. Usage: common-lib/bench/log-encoding.sh   (ROUNDS=5 SECONDS_PER_ROUND=3)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
source "$ROOT/infra/dev/lib.sh"
pick_jdk # exports JAVA_HOME: the first JDK >= 25
ROUNDS=${ROUNDS:-5}
SECONDS_PER_ROUND=${SECONDS_PER_ROUND:-3}
CLASSPATH_FILE=$(mktemp /tmp/log-encoding-cp.XXXXXX)
trap 'rm -f "$CLASSPATH_FILE"' EXIT

# One reactor run: common-lib is its last module, so the classpath file ends up being common-lib's.
(cd "$ROOT" && ./mvnw -B -q -ntp -pl common-lib -am package dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=runtime -Dmdep.outputFile="$CLASSPATH_FILE")
"$JAVA_HOME/bin/java" -cp "$ROOT/common-lib/target/classes:$(cat "$CLASSPATH_FILE")" \
  "$ROOT/common-lib/bench/LogEncodingBench.java" "$ROUNDS" "$SECONDS_PER_ROUND"
