# syntax=docker/dockerfile:1
# Tern's container image, the one k8s/ runs:
#   docker build -t tern:0.1.0 .
# (k8s/README.md: building, pushing to a registry, running.)

# Base images are pinned by version, so a rebuild of the same commit gets the same JDK and
# Maven; raise them on purpose (and pin by digest, image@sha256:..., where builds must be
# byte-for-byte repeatable).
# Build the shaded jar with Maven 3.9.9 on Eclipse Temurin's JDK 17.
FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml ./
# Only the application's sources: the tests are neither copied nor compiled in the image build
# (maven.test.skip skips compiling them; they run in CI against a real PostgreSQL).
COPY src/main ./src/main
# The cache mount keeps ~/.m2 between builds without putting it in a layer.
RUN --mount=type=cache,target=/root/.m2 mvn -B -ntp -q -Dmaven.test.skip=true package

# Run on Temurin's JRE 17 as an unprivileged user that owns nothing in the image: the
# application and its configuration are read-only to it, and it writes only to /tmp.
FROM eclipse-temurin:17.0.13_11-jre
RUN groupadd --system --gid 10001 tern \
 && useradd --system --uid 10001 --gid tern --home-dir /app --no-create-home \
      --shell /usr/sbin/nologin tern
WORKDIR /app
COPY --from=build /build/target/tern.jar /app/tern.jar
# The documented defaults; Kubernetes mounts its ConfigMap over this directory.
COPY conf/ /app/conf/
USER 10001:10001
EXPOSE 8080
# Clustered pods (k8s/scaled/): Hazelcast's member port and the event bus, cluster.port and
# cluster.eventBusPort.
EXPOSE 5701
EXPOSE 5702
# Container-aware heap: the JVM sizes itself from the container's memory limit, not the node's.
# 75 % leaves room for metaspace, threads, Netty's direct buffers and the JIT; on OutOfMemory
# the JVM exits so Kubernetes restarts the pod instead of leaving it half-alive. The java
# launcher reads JDK_JAVA_OPTIONS, so a deployment can replace these with its own.
ENV JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=75.0 -XX:InitialRAMPercentage=50.0 -XX:+ExitOnOutOfMemoryError"
# Exec form, so the JVM is PID 1 and receives SIGTERM itself: graceful shutdown depends on it.
ENTRYPOINT ["java", "-jar", "/app/tern.jar"]
