package com.bulkimport.cli;

import tools.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * {@code revert JOB_ID [--dry-run] [--json]}: with {@code --dry-run}, what reverting the import would do now
 * (nothing changes); else the revert, a job of its own, followed until it ends. Exits 0 when the revert
 * completed (conflicts, records left as they are, are its errors: see {@code errors REVERT_ID}), 1 when it was
 * refused, failed or was cancelled.
 */
final class RevertCommand {

    private static final Set<String> FINAL = Set.of("COMPLETED", "COMPLETED_WITH_ERRORS", "FAILED", "CANCELLED");

    private final ApiClient api;
    private final PrintStream out;
    private final PrintStream err;
    private final Duration pollEvery;

    RevertCommand(ApiClient api, PrintStream out, PrintStream err, Duration pollEvery) {
        this.api = api;
        this.out = out;
        this.err = err;
        this.pollEvery = pollEvery;
    }

    int run(Args args) throws InterruptedException {
        String jobId = args.positional(0, "JOB_ID");
        try {
            UUID.fromString(jobId);
        } catch (IllegalArgumentException e) {
            throw new UsageError("JOB_ID is a job's id (a UUID), got '" + jobId + "'");
        }
        boolean json = args.flag("--json");
        if (args.flag("--dry-run")) {
            JsonNode preview = api.post("/api/imports/" + jobId + "/revert?mode=dry-run", null);
            if (json) {
                out.println(ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(preview));
            } else {
                printPreview(jobId, preview);
            }
            return 0;
        }
        JsonNode started = api.post("/api/imports/" + jobId + "/revert", null);
        String revertId = started.path("job_id").asString();
        err.println("revert " + revertId + " of import " + jobId + ": " + started.path("progress").path("total_rows").asLong()
                + " change(s) to undo");
        JsonNode status = poll(revertId);
        if (json) {
            out.println(ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(status));
        } else {
            out.println(revertId + " " + status.path("status").asString() + ": " + JobCountsText.of(status.path("progress")));
            if (status.path("progress").path("errors").asLong() > 0) {
                out.println("conflicts were left as they are: ./bulk-import errors " + revertId);
            }
        }
        return List.of("COMPLETED", "COMPLETED_WITH_ERRORS").contains(status.path("status").asString()) ? 0 : 1;
    }

    private void printPreview(String jobId, JsonNode preview) {
        out.println(String.format("reverting %s would delete %,d, give %,d their old values back, leave %,d conflict(s);"
                        + " %,d already gone", jobId, preview.path("would_delete").asLong(),
                preview.path("would_restore").asLong(), preview.path("conflicts").asLong(),
                preview.path("already_gone").asLong()));
        for (JsonNode example : preview.path("examples")) {
            if (!example.path("message").isNull() && !example.path("message").isMissingNode()) {
                out.println("  " + example.path("outcome").asString() + ": " + example.path("message").asString());
            }
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
}
