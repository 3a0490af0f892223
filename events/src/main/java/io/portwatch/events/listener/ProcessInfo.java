package io.portwatch.events.listener;

/**
 * The process that owns a listening socket. Only {@code exe} (where not {@code (deleted)}) and {@code uid}
 * are beyond the process's own choosing; {@code name} is whatever it calls itself, for display only.
 *
 * @param pid  process id
 * @param name short name ({@code comm}), control characters escaped as {@code \xNN}; chosen by the process
 * @param exe  path of the executable ({@code /proc/<pid>/exe}), control characters escaped, or null when it
 *             can't be read; a path ending in {@value #DELETED} names a file that no longer exists there
 * @param user owning user name (or uid when it has no name), or null
 * @param uid  owning (real) user id, or null when unknown (probes older than this field)
 */
public record ProcessInfo(long pid, String name, String exe, String user, Integer uid) {

    /** What the kernel appends to {@code /proc/<pid>/exe} when the executable was deleted or replaced. */
    public static final String DELETED = " (deleted)";

    /** A process whose uid the probe did not report. */
    public ProcessInfo(long pid, String name, String exe, String user) {
        this(pid, name, exe, user, null);
    }

    /** Whether the executable path names the file the process runs: known, absolute, and not deleted since. */
    public boolean exeIntact() {
        return exe != null && exe.startsWith("/") && !exe.endsWith(DELETED);
    }
}
