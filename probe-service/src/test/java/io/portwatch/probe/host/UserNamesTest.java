package io.portwatch.probe.host;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class UserNamesTest {

    @TempDir
    Path dir;

    @Test
    void readsNamesByUidAndSkipsMalformedLines() throws IOException {
        Path passwd = Files.writeString(dir.resolve("passwd"),
                "root:x:0:0:root:/root:/bin/bash\nbroken line\nwww-data:x:33:33::/var/www:/usr/sbin/nologin\nodd:x:abc:0::/:/bin/sh\n");

        assertThat(UserNames.read(passwd)).containsEntry(0, "root").containsEntry(33, "www-data").hasSize(2);
    }

    @Test
    void missingFileNamesNobody() {
        assertThat(UserNames.read(dir.resolve("absent"))).isEmpty();
    }
}
