package com.bulkimport.local.embedded.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared real-world CSVs, found beside the checkout ({@code ../shared/datasets}) from any module. */
public final class Datasets {

    private Datasets() {
    }

    public static Path file(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/datasets").resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("dataset " + relative + " not found in any ../shared/datasets");
    }
}
