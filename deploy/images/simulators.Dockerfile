# The legacy-service simulators (ARMS 3283/udp, ARD 3283/tcp, WebAdmin 311/tcp, eppc 3031/tcp+udp), for the
# container system test. Build context: simulators/target. Binds every address of its network namespace:
# only ever run on a network the test creates. Docker lets non-root processes bind ports below 1024 in a
# container's own network namespace (net.ipv4.ip_unprivileged_port_start=0).
FROM portwatch/base:latest
COPY portwatch-simulators-*.jar /deployments/simulators.jar
USER 185
ENTRYPOINT ["java", "-Xmx64m", "-jar", "/deployments/simulators.jar", "--bind", "0.0.0.0", "--allow-non-loopback"]
