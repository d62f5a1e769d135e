package io.hookline.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File chores of test fixtures. */
public final class TestFiles {

    private TestFiles() {
    }

    /** Deletes a directory tree; best effort, for clean-up at exit. */
    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // clean-up only: a leftover temp directory is harmless
        }
    }
}
