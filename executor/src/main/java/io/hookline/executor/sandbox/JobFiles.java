package io.hookline.executor.sandbox;

import java.nio.file.Path;

/** The host-side files of one run: the code, the data, and the one directory the dataset may write (error and env files). */
record JobFiles(Path dir, Path dataset, Path data, Path out) {

    static JobFiles in(Path dir) {
        return new JobFiles(dir, dir.resolve("dataset.py"), dir.resolve("data.json"), dir.resolve("out"));
    }
}
