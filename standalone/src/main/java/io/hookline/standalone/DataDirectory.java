package io.hookline.standalone;

import io.hookline.schemas.crypto.SecretCipher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The embedded default's data directory: broker logs, router state, the owner key and the key that
 * encrypts signing secrets, generated on first start and kept private (mode 0600).
 */
record DataDirectory(Path root, String secretsKey) {

    /** A data directory whose secrets key comes from configuration, not from a file in it. */
    static DataDirectory withKey(Path root, String secretsKey) {
        try {
            Files.createDirectories(root);
            return new DataDirectory(root, secretsKey);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the data directory " + root.toAbsolutePath(), e);
        }
    }

    static DataDirectory prepare(Path root) {
        try {
            Files.createDirectories(root);
            Path keyFile = root.resolve("secrets.key");
            if (!Files.exists(keyFile)) {
                try {
                    Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(keyFile, SecretCipher.generateKey() + "\n");
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first: use theirs
                }
            }
            return new DataDirectory(root, Files.readString(keyFile).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the data directory " + root.toAbsolutePath(), e);
        }
    }
}
