package com.bulkimport.worker.ingest;

import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Copies an uploaded workbook to a temporary file: a ZIP's directory is at its end, so a sheet can only be
 * streamed from a file that can be read at any position. Disk, not heap: the worker's memory stays the
 * same for a workbook of any size. {@code SheetRows} deletes the copy when the ingest closes it.
 */
@Component
class WorkbookSpool {

    private final ObjectSource objects;

    WorkbookSpool(ObjectSource objects) {
        this.objects = objects;
    }

    /** The whole object, from its first byte. */
    Path download(String key) throws IOException {
        try (InputStream in = objects.open(key)) {
            return spool(in, key);
        }
    }

    /** {@code in} (closed here) into a new temporary file. */
    Path spool(InputStream in, String key) throws IOException {
        Path file = Files.createTempFile("bulkimport-workbook-", ".xlsx");
        try (in) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw new IOException("copying " + key + " to " + file + " failed", e);
        }
    }
}
