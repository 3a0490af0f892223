package io.portwatch.simulators;

/** One emulated service, listening from construction until closed. */
public interface SimulatedService extends AutoCloseable {

    /** What it is and where it listens, e.g. {@code webadmin tcp 127.0.0.1:311}. */
    String describe();

    @Override
    void close();
}
