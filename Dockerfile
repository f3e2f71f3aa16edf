# The image of every deployable module (each service and the gateway), from the jar the build
# made (./mvnw -B -DskipTests package), in Spring Boot's layered layout so that a code change
# rebuilds only the application layer, with a JDK AOT cache (JEP 483) trained in the build so that
# the JVM starts with the application's classes already loaded and linked (docs/BENCHMARKS.md,
# "Start-up with the AOT cache", says what it gains). Built from the root of the checkout; docker-compose.yml
# passes each module's arguments:
#   docker build --build-arg MODULE=auth-service --build-arg PORT=8081 -t acme-saas/auth-service .
# Build arguments:
#   MODULE        the module's directory; the image runs MODULE/target/MODULE-*.jar
#   PORT          the port it listens on: the default of server.port in its application.yml
#   JAVA_OPTIONS  the JVM's options [-XX:MaxRAMPercentage=75: the heap follows the memory limit]
FROM eclipse-temurin:25-jre AS layers
ARG MODULE
WORKDIR /layers
RUN test -n "$MODULE" || { echo "--build-arg MODULE=<module directory> is required" >&2; exit 1; }
COPY ${MODULE}/target/${MODULE}-*.jar app.jar
# Extracted without the launcher: app.jar with its dependencies in lib/ is a plain classpath, which
# the AOT cache needs (it holds no classes a launcher loads from nested jars).
RUN java -Djarmode=tools -jar app.jar extract --layers --destination extracted

FROM eclipse-temurin:25-jre
ARG PORT
ARG JAVA_OPTIONS="-XX:MaxRAMPercentage=75"
RUN test -n "$PORT" || { echo "--build-arg PORT=<the module's port> is required" >&2; exit 1; } \
    && apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home app
WORKDIR /app
COPY --from=layers /layers/extracted/dependencies/ ./
COPY --from=layers /layers/extracted/spring-boot-loader/ ./
COPY --from=layers /layers/extracted/snapshot-dependencies/ ./
COPY --from=layers /layers/extracted/application/ ./
ENV PORT=${PORT} JAVA_TOOL_OPTIONS="${JAVA_OPTIONS}"
# The training run, on exactly the files, working directory and JVM options that run (a cache
# only matches the classpath it was trained on, paths as given): up to the context's refresh, where every singleton exists and the
# JVM exits and writes app.aot. An image build has no Postgres or Kafka, so Flyway and topic
# creation are off in this run. Only the gateway's context refreshes like that: every service
# reads its database while its singletons are made (the outbox metrics look up their schema;
# auth-service loads its signing keys), so their runs stop there, with an error the build shows
# and accepts. The JVM still writes the cache of what loaded until then (most of Spring's and the
# libraries' classes); what is missing loads as without a cache. infra/aot/train.sh, which trains
# against a database, gives the complete cache.
RUN SPRING_PROFILES_ACTIVE=dev SPRING_FLYWAY_ENABLED=false SPRING_KAFKA_ADMIN_AUTO_CREATE=false \
    java -XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh -jar app.jar \
    || echo "AOT training: the context stopped at its first database read; the cache holds what loaded before"; \
    test -s app.aot
USER 10001:10001
EXPOSE ${PORT}
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${PORT}/actuator/health/readiness" || exit 1
ENTRYPOINT ["java", "-XX:AOTCache=app.aot", "-jar", "app.jar"]
