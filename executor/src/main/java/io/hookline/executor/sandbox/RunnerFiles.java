package io.hookline.executor.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/** Copies the Python runner and the {@code hookline} helper module out of the jar, world-readable, for binding into sandboxes. */
final class RunnerFiles {

    static final List<String> FILES = List.of("runner.py", "hookline.py", "hookline_seccomp.py", "zygote.py");

    private RunnerFiles() {
    }

    static Path extract(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String name : FILES) {
            try (InputStream in = RunnerFiles.class.getResourceAsStream("/io/hookline/executor/python/" + name)) {
                if (in == null) {
                    throw new IOException("Missing resource " + name);
                }
                Path target = dir.resolve(name);
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
        return dir;
    }
}
