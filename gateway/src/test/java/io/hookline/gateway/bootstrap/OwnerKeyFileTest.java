package io.hookline.gateway.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerKeyFileTest {

    @TempDir
    Path dir;

    @Test
    void shouldWriteTheKeyReadableByTheOwnerOnly() throws Exception {
        // given
        OwnerKeyFile file = new OwnerKeyFile(dir.resolve("data/owner.key"));

        // when
        file.write("usr_1-secret");

        // then
        assertThat(Files.readString(file.path())).isEqualTo("usr_1-secret\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path()))).isEqualTo("rw-------");
        try (var leftovers = Files.list(file.path().getParent())) {
            assertThat(leftovers).containsExactly(file.path());
        }
    }

    @Test
    void shouldReplaceAStaleKeyAndTightenItsMode() throws Exception {
        // given
        Path path = dir.resolve("owner.key");
        Files.writeString(path, "old");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));

        // when
        new OwnerKeyFile(path).write("usr_2-new");

        // then
        assertThat(Files.readString(path)).isEqualTo("usr_2-new\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------");
    }
}
