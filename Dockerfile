# syntax=docker/dockerfile:1
# Build: the Maven wrapper on a JDK; run: a JRE, non-root, with a health check.
# Base images pinned to an exact Temurin release (17.0.15+6) on Ubuntu 24.04; raise both
# together. Pinning by digest as well (eclipse-temurin:17.0.15_6-jre-noble@sha256:...) is
# left to the registry you build from: `docker buildx imagetools inspect <tag>` prints it.
FROM eclipse-temurin:17.0.15_6-jdk-noble AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src/ src/
# No .git in the build context (.dockerignore): /actuator/info shows build details only.
RUN ./mvnw -B -q package -DskipTests \
    && java -Djarmode=tools -jar target/coursesync-*.jar extract --layers --launcher --destination /layers
COPY docker/HealthCheck.java /healthcheck/
RUN javac -d /healthcheck /healthcheck/HealthCheck.java

FROM eclipse-temurin:17.0.15_6-jre-noble
RUN groupadd --system coursesync && useradd --system --gid coursesync --home-dir /app coursesync
WORKDIR /app
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
COPY --from=build /healthcheck/HealthCheck.class /healthcheck/
USER coursesync
EXPOSE 8080
# Production: no profile, so no default secrets and no default admin password (start-up fails
# without one). Secrets come from the environment or from files in /run/secrets/ named after
# their key (configtree): /run/secrets/coursesync.admin.password, ...
# JSON logs only: ECS lines on the console, no banner. The JVM options are on the command line,
# not in JAVA_TOOL_OPTIONS, whose "Picked up ..." notice would be a non-JSON line.
ENV SPRING_CONFIG_IMPORT="optional:configtree:/run/secrets/" \
    LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs \
    SPRING_MAIN_BANNER_MODE=off
# The check follows SERVER_PORT / MANAGEMENT_SERVER_PORT (see docker/HealthCheck.java).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["java", "-Xmx16m", "-XX:TieredStopAtLevel=1", "-cp", "/healthcheck", "HealthCheck"]
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", \
    "org.springframework.boot.loader.launch.JarLauncher"]
