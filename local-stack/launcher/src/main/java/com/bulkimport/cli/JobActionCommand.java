package com.bulkimport.cli;

import tools.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.util.UUID;

/**
 * {@code pause JOB_ID}, {@code resume JOB_ID}, {@code cancel JOB_ID}, {@code retry JOB_ID} [{@code --json}]: one owner
 * action on a job, printing the status it left the job in (a finished import's retry also how many of its images
 * are being fetched again). A refused action (a status it does not fit, someone else's job) exits 1
 * with the API's words.
 */
final class JobActionCommand {

    private final ApiClient api;
    private final PrintStream out;

    JobActionCommand(ApiClient api, PrintStream out) {
        this.api = api;
        this.out = out;
    }

    int run(String action, Args args) {
        String jobId = args.positional(0, "JOB_ID");
        try {
            UUID.fromString(jobId);
        } catch (IllegalArgumentException e) {
            throw new UsageError("JOB_ID is a job's id (a UUID), got '" + jobId + "'");
        }
        JsonNode job = api.post("/api/imports/" + jobId + "/" + action, null);
        if (args.flag("--json")) {
            out.println(ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(job));
        } else {
            JsonNode images = job.path("images");
            // a finished import retried: its status stays, a worker fetches its failed images again
            String retried = action.equals("retry") && images.path("failed").asLong() > 0
                    && job.path("status").asString().startsWith("COMPLETED")
                    ? "; its " + images.path("failed").asLong() + " failed images are being fetched again" : "";
            out.println(jobId + " " + job.path("status").asString() + ": " + JobCountsText.of(job.path("progress"))
                    + retried);
        }
        return 0;
    }
}
