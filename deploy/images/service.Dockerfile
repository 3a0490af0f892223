# One Portwatch service, from its Quarkus fast-jar (the build context is <service>/target/quarkus-app).
# FROM the locally built base (deploy/images/build.sh): Debian bookworm minbase with a Java 17 runtime.
FROM portwatch/base:latest
WORKDIR /deployments
COPY --chown=185:0 lib/ lib/
COPY --chown=185:0 *.jar ./
COPY --chown=185:0 app/ app/
COPY --chown=185:0 quarkus/ quarkus/
# The CycloneDX SBOM of the jars above (cyclonedx-maven-plugin at package time): /deployments/sbom/cyclonedx.json.
COPY --chown=185:0 sbom/ sbom/
LABEL io.portwatch.sbom=/deployments/sbom/cyclonedx.json
USER 185
# JAVA_OPTS_APPEND adds JVM flags for one service (e.g. its collector) without restating these.
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75 -Djava.security.egd=file:/dev/urandom" JAVA_OPTS_APPEND="" QUARKUS_HTTP_HOST=0.0.0.0 QUARKUS_HTTP_PORT=8080
EXPOSE 8080
# The port of /q/health when it is not the HTTP port: probe-service's management interface (build.sh: 9083).
ARG HEALTH_PORT=
ENV PORTWATCH_HEALTH_PORT=$HEALTH_PORT
# Ready when /q/health/ready answers 200 on the health port (bash's /dev/tcp: no curl in the image).
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s CMD ["bash", "-c", \
  "exec 3<>/dev/tcp/127.0.0.1/${PORTWATCH_HEALTH_PORT:-${QUARKUS_HTTP_PORT:-8080}} && printf 'GET /q/health/ready HTTP/1.0\\r\\n\\r\\n' >&3 && head -1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["bash", "-c", "exec java $JAVA_OPTS $JAVA_OPTS_APPEND -jar /deployments/quarkus-run.jar"]
