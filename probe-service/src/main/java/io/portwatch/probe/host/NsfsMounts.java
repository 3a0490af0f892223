package io.portwatch.probe.host;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Network namespaces kept alive by a bind mount, found in a {@code mountinfo} file the way {@code lsns}
 * does: a mount of file system type {@code nsfs} whose root is {@code net:[inode]}, wherever it is mounted
 * ({@code /run/netns/<name>} by {@code ip netns}, {@code /var/run/docker/netns/<id>} by Docker, ...). Such a
 * namespace may have no process in it; its mount is the way in.
 */
final class NsfsMounts {

    private static final String NSFS = "nsfs";
    private static final String NET_ROOT = "net:[";
    private static final int ROOT = 3;
    private static final int MOUNT_POINT = 4;
    private static final String SEPARATOR = "-";

    private NsfsMounts() {
    }

    /** The mount points of every network namespace bind mount in a mountinfo file's text, by namespace inode. */
    static Map<Long, List<Path>> parse(String mountinfo) {
        Map<Long, List<Path>> mounts = new TreeMap<>();
        for (String line : mountinfo.split("\n")) {
            String[] fields = line.trim().split(" ");
            int separator = List.of(fields).indexOf(SEPARATOR);
            if (separator <= MOUNT_POINT || separator + 1 >= fields.length || !NSFS.equals(fields[separator + 1])) {
                continue;
            }
            String root = fields[ROOT];
            if (!root.startsWith(NET_ROOT) || !root.endsWith("]")) {
                continue;
            }
            try {
                long inode = Long.parseLong(root.substring(NET_ROOT.length(), root.length() - 1));
                mounts.computeIfAbsent(inode, any -> new ArrayList<>()).add(Path.of(unescape(fields[MOUNT_POINT])));
            } catch (IllegalArgumentException e) {
                // Not a namespace inode, or a mount point that is no path here: not one we can enter.
            }
        }
        return mounts;
    }

    /** The kernel writes space, tab, newline and backslash in a mount point as octal escapes ({@code \040}). */
    private static String unescape(String field) {
        StringBuilder path = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && isOctal(field, i + 1)) {
                path.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                path.append(c);
            }
        }
        return path.toString();
    }

    private static boolean isOctal(String field, int from) {
        for (int i = from; i < from + 3; i++) {
            if (field.charAt(i) < '0' || field.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }
}
