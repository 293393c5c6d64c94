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
import java.util.Set;

/**
 * {@code import FILE --kind KIND [--map 'CSV header=field']... [--encoding E] [--delimiter D]
 * [--batch-size N] [--mode dry-run] [--priority P] [--json]}: what the web UI does, from a terminal.
 */
final class ImportCommand {

    private static final Set<String> FINAL = Set.of("COMPLETED", "COMPLETED_WITH_ERRORS", "FAILED", "CANCELLED",
            "PREVIEW_READY");

    private final ApiClient api;
    private final PrintStream out;
    private final PrintStream err;
    private final Duration pollEvery;

    ImportCommand(ApiClient api, PrintStream out, PrintStream err, Duration pollEvery) {
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
        args.optional("--batch-size").ifPresent(v -> options.put("batch_size", wholeNumber("--batch-size", v)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind);
        body.put("file_name", file.getFileName().toString());
        body.put("content_length", Files.size(file));
        body.put("mode", args.optional("--mode").orElse("COMMIT"));
        body.put("options", options);
        // the API checks it: an unknown value is a 400, high without the admin role a 403
        args.optional("--priority").ifPresent(v -> body.put("priority", v.toLowerCase(java.util.Locale.ROOT)));

        // one key per run: if the request is sent again (a renewed token), the same job answers
        JsonNode created = api.post("/api/imports", body,
                java.util.Map.of("Idempotency-Key", java.util.UUID.randomUUID().toString()));
        String jobId = created.path("job_id").asString();
        err.println("import " + jobId + ": uploading " + file.getFileName() + " (" + Files.size(file) + " bytes)");
        Map<String, String> headers = new LinkedHashMap<>();
        created.path("upload").path("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asString()));
        api.upload(created.path("upload").path("url").asString(), headers, file);
        api.post("/api/imports/" + jobId + "/start", null);

        JsonNode status = poll(jobId);
        if (json) {
            out.println(ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(status));
        } else {
            printSummary(status);
        }
        String finalStatus = status.path("status").asString();
        return List.of("COMPLETED", "COMPLETED_WITH_ERRORS", "PREVIEW_READY").contains(finalStatus) ? 0 : 1;
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
