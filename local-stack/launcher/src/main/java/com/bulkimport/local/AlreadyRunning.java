package com.bulkimport.local;

import java.nio.file.Path;

/** Another up holds the data directory. */
final class AlreadyRunning extends RuntimeException {

    AlreadyRunning(Path dataDirectory, String pid) {
        super("bulk-import up is already running on " + dataDirectory.toAbsolutePath()
                + (pid.isEmpty() ? "" : " (pid " + pid + ")") + ": use that one, or stop it first (Ctrl-C in its terminal)");
    }
}
