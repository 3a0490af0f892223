package io.portwatch.system;

import io.portwatch.testing.KafkaBroker;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a crash test starts: a fresh broker of its own and the service processes it starts (and kills), all stopped by
 * {@link #close}, after the test.
 */
final class CrashTestProcesses implements AutoCloseable {

    private final List<ServiceProcess> services = new ArrayList<>();
    private KafkaBroker broker;

    /** The test's broker, formatted and started (all topics created) at the first call. */
    KafkaBroker broker() {
        if (broker == null) {
            broker = KafkaBroker.start(Path.of("target"));
        }
        return broker;
    }

    /** Starts a service's runner jar with this config and waits until it is ready. */
    ServiceProcess startReady(String module, Map<String, String> config) {
        ServiceProcess service = ServiceProcess.start(module, config);
        services.add(service);
        return service.awaitReady();
    }

    @Override
    public void close() {
        services.forEach(ServiceProcess::close);
        if (broker != null) {
            broker.stop();
        }
    }
}
