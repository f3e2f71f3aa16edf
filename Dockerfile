# The image of every deployable module (each service and the gateway), from the jar the build
# made (./mvnw -B -DskipTests package), in Spring Boot's layered layout so that a code change
# rebuilds only the application layer. Built from the root of the checkout; docker-compose.yml
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
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

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
USER 10001:10001
ENV PORT=${PORT} JAVA_TOOL_OPTIONS="${JAVA_OPTIONS}"
EXPOSE ${PORT}
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${PORT}/actuator/health/readiness" || exit 1
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
