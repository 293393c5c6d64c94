package com.bulkimport.cli;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Which job each unfinished multipart upload of this user belongs to, so running the same import again resumes
 * it: {@code uploads.json} in {@code ~/.bulk-import} (or {@code BULKIMPORT_STATE_DIR}, or the system property
 * {@code bulkimport.cli.state-dir}), keyed by the API, the file's absolute path, size and last-modified time,
 * and the kind. A file changed since (another size or time) is another upload. An entry goes once its job
 * started; a broken or unreadable file is treated as empty.
 */
final class UploadState {

    private final Path file;

    private UploadState(Path file) {
        this.file = file;
    }

    static UploadState forUser() {
        String dir = System.getProperty("bulkimport.cli.state-dir", System.getenv("BULKIMPORT_STATE_DIR"));
        Path base = dir == null || dir.isBlank() ? Path.of(System.getProperty("user.home"), ".bulk-import") : Path.of(dir);
        return new UploadState(base.resolve("uploads.json"));
    }

    static String key(String api, Path upload, String kind) throws IOException {
        Path absolute = upload.toAbsolutePath().normalize();
        return api + " " + absolute + " " + Files.size(absolute) + " "
                + Files.getLastModifiedTime(absolute).toMillis() + " " + kind;
    }

    synchronized Optional<String> jobOf(String key) {
        return Optional.ofNullable(read().path(key).path("job_id").asString(null));
    }

    synchronized void remember(String key, String jobId) {
        ObjectNode all = read();
        all.putObject(key).put("job_id", jobId).put("since", java.time.Instant.now().toString());
        write(all);
    }

    synchronized void forget(String key) {
        ObjectNode all = read();
        if (all.has(key)) {
            all.remove(key);
            write(all);
        }
    }

    Path file() {
        return file;
    }

    private ObjectNode read() {
        try {
            if (Files.isRegularFile(file)) {
                JsonNode node = ApiClient.JSON.readTree(Files.readString(file));
                if (node instanceof ObjectNode object) {
                    return object;
                }
            }
        } catch (IOException | RuntimeException e) {
            // unreadable: start over rather than refuse the import
        }
        return ApiClient.JSON.createObjectNode();
    }

    private void write(ObjectNode all) {
        try {
            Files.createDirectories(file.getParent());
            Path next = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(next, ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(all));
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // without the state file the upload still works; only the automatic resume is lost
        }
    }
}
