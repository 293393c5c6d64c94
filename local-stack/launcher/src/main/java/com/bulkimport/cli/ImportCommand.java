package com.bulkimport.cli;

import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code import FILE --kind KIND [--mapping NAME] [--map 'CSV header=field']... [--encoding E] [--delimiter D]
 * [--batch-size N] [--mode dry-run] [--priority P] [--json] [--resume JOB_ID | --no-resume]}: what the web UI does,
 * from a terminal. A file the API wants in parts (from its multipart threshold on) is uploaded
 * {@link MultipartUploader#THREADS} parts at a time; an upload cut short is resumed by running the same command again
 * (see {@link UploadState}) or with {@code --resume JOB_ID}, and only the parts storage lacks are sent.
 * {@code --mapping NAME} starts from the tenant's named mapping (see {@link MappingsCommand}); {@code --map} entries
 * change it column by column.
 */
final class ImportCommand {

    private static final Set<String> FINAL = Set.of("COMPLETED", "COMPLETED_WITH_ERRORS", "FAILED", "CANCELLED",
            "PREVIEW_READY");

    private final ApiClient api;
    private final PrintStream out;
    private final PrintStream err;
    private final Duration pollEvery;
    private final PartTransport transport;
    private final UploadState state;

    ImportCommand(ApiClient api, PrintStream out, PrintStream err, Duration pollEvery, PartTransport transport,
                  UploadState state) {
        this.transport = transport;
        this.state = state;
        this.api = api;
        this.out = out;
        this.err = err;
        this.pollEvery = pollEvery;
    }

    int run(Args args) throws IOException, InterruptedException {
        Path file = Path.of(args.positional(0, "FILE"));
        if (!Files.isRegularFile(file)) {
            throw new UsageError("no such file: " + file);
        }
        String kind = args.required("--kind");
        boolean json = args.flag("--json");
        Map<String, String> mapping = new LinkedHashMap<>();
        Optional<String> named = args.optional("--mapping");
        if (named.isPresent()) {
            mapping.putAll(MappingsCommand.named(api, named.get(), kind));
        }
        for (String entry : args.all("--map")) {
            int eq = entry.lastIndexOf('=');
            if (eq <= 0) {
                throw new UsageError("--map takes 'CSV header=field', got '" + entry + "'");
            }
            mapping.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        Map<String, String> defaults = new LinkedHashMap<>();
        for (String entry : args.all("--default")) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new UsageError("--default takes 'field=value', got '" + entry + "'");
            }
            defaults.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("column_mapping", mapping);
        if (!defaults.isEmpty()) {
            options.put("defaults", defaults);
        }
        args.optional("--encoding").ifPresent(v -> options.put("encoding", v));
        args.optional("--delimiter").ifPresent(v -> options.put("delimiter", v));
        args.optional("--sheet").ifPresent(v -> options.put("sheet", v));
        args.optional("--decimal-separator").ifPresent(v -> options.put("decimal_separator", v));
        args.optional("--date-order").ifPresent(v -> options.put("date_order", v));
        args.optional("--time-zone").ifPresent(v -> options.put("time_zone", v));
        args.optional("--batch-size").ifPresent(v -> options.put("batch_size", wholeNumber("--batch-size", v)));
        String mode = args.optional("--mode").orElse("COMMIT");
        String stateKey = UploadState.key(api.base(), file, kind);
        String jobId = args.optional("--resume").orElse(null);
        boolean explicit = jobId != null;
        if (jobId == null && !args.flag("--no-resume")) {
            jobId = state.jobOf(stateKey).orElse(null);
        }
        if (jobId != null && !resume(jobId, file, mode, options, explicit)) {
            state.forget(stateKey);
            jobId = null;
        }
        if (jobId == null) {
            jobId = createAndUpload(file, kind, mode, options, stateKey, args.optional("--priority").orElse(null));
        }
        api.post("/api/imports/" + jobId + "/start", null);
        state.forget(stateKey);

        JsonNode status = poll(jobId);
        if (json) {
            out.println(ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(status));
        } else {
            printSummary(status);
        }
        String finalStatus = status.path("status").asString();
        return List.of("COMPLETED", "COMPLETED_WITH_ERRORS", "PREVIEW_READY").contains(finalStatus) ? 0 : 1;
    }

    /** A new job, its file uploaded: in one PUT, or in parts (remembered for a resume until it starts). */
    private String createAndUpload(Path file, String kind, String mode, Map<String, Object> options, String stateKey,
                                   String priority)
            throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind);
        body.put("file_name", file.getFileName().toString());
        body.put("content_length", Files.size(file));
        body.put("mode", mode);
        body.put("options", options);
        if (priority != null) {
            // the API checks it: an unknown value is a 400, high without the admin role a 403
            body.put("priority", priority.toLowerCase(java.util.Locale.ROOT));
        }
        // one key per run: if the request is sent again (a renewed token), the same job answers
        JsonNode created = api.post("/api/imports", body,
                java.util.Map.of("Idempotency-Key", java.util.UUID.randomUUID().toString()));
        String jobId = created.path("job_id").asString();
        JsonNode upload = created.path("upload");
        if ("multipart".equals(upload.path("mode").asString())) {
            state.remember(stateKey, jobId);
            err.println("import " + jobId + ": uploading " + file.getFileName() + " (" + Files.size(file) + " bytes) in "
                    + upload.path("part_count").asInt() + " parts, " + MultipartUploader.THREADS + " at a time");
            Map<Integer, JsonNode> urls = new java.util.HashMap<>();
            upload.path("parts").forEach(p -> urls.put(p.path("part_number").asInt(), p));
            uploader().upload(plan(jobId, upload, Files.size(file)), file, Map.of(), urls);
            return jobId;
        }
        err.println("import " + jobId + ": uploading " + file.getFileName() + " (" + Files.size(file) + " bytes)");
        Map<String, String> headers = new LinkedHashMap<>();
        upload.path("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asString()));
        api.upload(upload.path("url").asString(), headers, file);
        return jobId;
    }

    /**
     * Goes on with the upload of {@code jobId}: the parts storage lacks are sent, the options given now replace
     * the job's. @return false when the job cannot be resumed and was found by the state file (a new one is made);
     * with {@code --resume} that is an error instead
     */
    private boolean resume(String jobId, Path file, String mode, Map<String, Object> options, boolean explicit)
            throws IOException, InterruptedException {
        JsonNode job;
        try {
            job = api.get("/api/imports/" + jobId);
        } catch (ApiError e) {
            if (explicit) {
                throw e;
            }
            return false;
        }
        String refusal = null;
        if (!"AWAITING_UPLOAD".equals(job.path("status").asString())) {
            refusal = "it is " + job.path("status").asString() + ", not awaiting its upload";
        } else if (job.path("file_size").asLong(-1) != Files.size(file)) {
            refusal = "it was created for " + job.path("file_size").asLong(-1) + " bytes and " + file.getFileName()
                    + " has " + Files.size(file);
        }
        JsonNode upload = refusal == null ? api.get("/api/imports/" + jobId + "/upload") : null;
        if (upload != null && !"multipart".equals(upload.path("mode").asString())) {
            refusal = "its file is uploaded in one PUT, which cannot be resumed";
        }
        if (refusal != null) {
            if (explicit) {
                throw new UsageError("cannot resume import " + jobId + ": " + refusal);
            }
            err.println("not resuming import " + jobId + " (" + refusal + "): starting a new one");
            return false;
        }
        api.patch("/api/imports/" + jobId, Map.of("mode", mode, "options", options));
        Map<Integer, String> stored = new java.util.HashMap<>();
        upload.path("parts").forEach(p -> stored.put(p.path("part_number").asInt(), p.path("etag").asString()));
        int parts = upload.path("part_count").asInt();
        err.println("import " + jobId + ": resuming the upload of " + file.getFileName() + ": " + stored.size() + " of "
                + parts + " parts already stored" + (upload.path("completed").asBoolean() ? " (complete)" : ""));
        if (!upload.path("completed").asBoolean()) {
            uploader().upload(plan(jobId, upload, Files.size(file)), file, stored, Map.of());
        }
        return true;
    }

    private MultipartUploader uploader() {
        return new MultipartUploader(api, transport, new ProgressBar(err), 1_000);
    }

    private static MultipartUploader.Plan plan(String jobId, JsonNode upload, long fileSize) {
        return new MultipartUploader.Plan(jobId, fileSize, upload.path("part_size").asLong(),
                upload.path("part_count").asInt());
    }

    private static int wholeNumber(String option, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new UsageError(option + " takes a whole number, got '" + value + "'");
        }
    }

    private JsonNode poll(String jobId) throws InterruptedException {
        ProgressBar bar = new ProgressBar(err);
        while (true) {
            JsonNode status = api.get("/api/imports/" + jobId);
            bar.show(status);
            if (FINAL.contains(status.path("status").asString())) {
                bar.finish();
                return status;
            }
            Thread.sleep(pollEvery.toMillis());
        }
    }

    private void printSummary(JsonNode status) {
        JsonNode p = status.path("progress");
        out.println(status.path("job_id").asString() + " " + status.path("status").asString() + ": "
                + JobCountsText.of(p));
        if (status.path("failure").isObject()) {
            out.println("failed: " + status.path("failure").path("reason").asString());
        }
        for (JsonNode warning : status.path("warnings")) {
            out.println("warning: " + warning.asString());
        }
        if (!status.path("error_report_url").isNull() && !status.path("error_report_url").asString("").isEmpty()) {
            out.println("error report: ./bulk-import errors " + status.path("job_id").asString() + " > errors.csv");
        }
    }
}
