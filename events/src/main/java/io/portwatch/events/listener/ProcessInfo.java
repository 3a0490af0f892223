package io.portwatch.events.listener;

/**
 * The process that owns a listening socket.
 *
 * @param pid  process id
 * @param name short name ({@code comm})
 * @param exe  path of the executable, or null when it can't be read
 * @param user owning user name (or uid when it has no name), or null
 */
public record ProcessInfo(long pid, String name, String exe, String user) {
}
