# syntax=docker/dockerfile:1
# One image per service, all from this file: docker build --build-arg SERVICE=<service> .
# SERVICE is import-api, outbox-relay, batch-worker, or local-auth (the local sign-in server of the
# docker-compose stack: its demo users and password-less CLI grant sign anyone in, so never in production).
# Build the jars first (./mvnw -DskipTests package); the build context is the repository root, of which
# .dockerignore lets in only this file and the services' target/*-exec.jar.
ARG SERVICE

# Each service's executable jar; only the stage SERVICE names is built, so only its jar must exist.
FROM scratch AS import-api-jar
COPY import-api/target/*-exec.jar /application.jar
FROM scratch AS outbox-relay-jar
COPY outbox-relay/target/*-exec.jar /application.jar
FROM scratch AS batch-worker-jar
COPY batch-worker/target/*-exec.jar /application.jar
FROM scratch AS local-auth-jar
COPY local-stack/auth/target/*-exec.jar /application.jar
FROM ${SERVICE}-jar AS jar

# Boot's layered jar, extracted so each layer is its own image layer: a code change rebuilds and
# pushes only the small application layer, never the dependencies.
FROM eclipse-temurin:17-jre-noble AS layers
WORKDIR /build
COPY --from=jar /application.jar application.jar
RUN java -Djarmode=tools -jar application.jar extract --layers --destination extracted

FROM eclipse-temurin:17-jre-noble AS runtime
# curl is the health probe (here and in the ECS task definition); the service runs as an unprivileged user
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 bulkimport \
    && useradd --system --uid 10001 --gid bulkimport --no-create-home --shell /usr/sbin/nologin bulkimport
WORKDIR /app
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
USER 10001:10001
# the heap follows the container's memory limit; an OutOfMemoryError restarts the container
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# main() sets spring.config.name to the service's name, so the plain jar launch reads <service>.yml (local-auth's
# main also reads BULKIMPORT_AUTH_PORT, BULKIMPORT_AUTH_ISSUER and BULKIMPORT_WEB_ORIGINS)
ENTRYPOINT ["java", "-jar", "application.jar"]

# Each service's ports: its own, then its management port (Actuator), which HEALTH_PORT names for the health
# check. The sign-in server has no management port: its health endpoint is public, without details, on the port
# it signs in on.
FROM runtime AS import-api
ENV HEALTH_PORT=8081
EXPOSE 8080 8081
FROM runtime AS outbox-relay
ENV HEALTH_PORT=9082
EXPOSE 8082 9082
FROM runtime AS batch-worker
ENV HEALTH_PORT=9083
EXPOSE 8083 9083
FROM runtime AS local-auth
ENV HEALTH_PORT=8084
EXPOSE 8084

FROM ${SERVICE}
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS "http://localhost:${HEALTH_PORT}/actuator/health/liveness" || exit 1
