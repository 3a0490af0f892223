package io.portwatch.probe.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** User names by uid, from a passwd file ({@code /etc/passwd}); uids it lacks are shown as numbers. */
final class UserNames {

    private UserNames() {
    }

    static Map<Integer, String> read(Path passwd) {
        Map<Integer, String> names = new HashMap<>();
        try {
            for (String line : Files.readAllLines(passwd)) {
                String[] fields = line.split(":");
                if (fields.length > 2) {
                    try {
                        names.putIfAbsent(Integer.parseInt(fields[2]), fields[0]);
                    } catch (NumberFormatException e) {
                        // A malformed line names nobody.
                    }
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return names;
    }
}
