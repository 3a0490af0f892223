package io.portwatch.probe.host;

import io.portwatch.probe.config.ProbeConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import java.util.Locale;

/** Chooses host mode's backend: {@code portwatch.probe.host-mode.backend}, or by the operating system when it is {@code auto}. */
@ApplicationScoped
public class HostBackends {

    /** The configured backend, the other one never built. */
    @Produces
    @ApplicationScoped
    HostInventoryBackend backend(ProbeConfig config, Instance<HostScanner> proc, Instance<LsofScanner> lsof) {
        ProbeConfig.Backend chosen = resolve(config.hostMode().backend(), System.getProperty("os.name"));
        HostInventoryBackend backend = chosen == ProbeConfig.Backend.LSOF ? lsof.get() : proc.get();
        if (config.hostMode().enabled()) {
            Log.infof("Host mode reads listeners with the %s backend (portwatch.probe.host-mode.backend=%s)", backend.name(),
                    config.hostMode().backend().name().toLowerCase(Locale.ROOT));
        }
        return backend;
    }

    /** {@code auto} is proc on Linux and lsof on any other system (macOS has no proc filesystem); any other choice stands. */
    static ProbeConfig.Backend resolve(ProbeConfig.Backend configured, String osName) {
        if (configured != ProbeConfig.Backend.AUTO) {
            return configured;
        }
        return osName != null && osName.toLowerCase(Locale.ROOT).startsWith("linux") ? ProbeConfig.Backend.PROC : ProbeConfig.Backend.LSOF;
    }
}
