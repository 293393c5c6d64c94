package com.bulkimport.bench;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The API as the benchmarks drive it: create, upload by the presigned URL, start, wait for the end. */
final class BenchApi {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private BenchApi() {
    }

    /** @return the finished job's status document */
    static JsonNode importFile(String api, String token, String kind, Path file, Map<String, Object> options)
            throws Exception {
        return importFile(api, token, kind, file, options, status -> { });
    }

    /** As above, handing every status read while the job runs (five a second) to {@code progress}. */
    static JsonNode importFile(String api, String token, String kind, Path file, Map<String, Object> options,
                               java.util.function.Consumer<JsonNode> progress) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind);
        body.put("file_name", file.getFileName().toString());
        body.put("content_length", Files.size(file));
        body.put("options", options);
        // the benchmarks measure the import, not the upload: one PUT (up to 5 GB), never the parts of a big file
        body.put("upload_mode", "single");
        JsonNode created = send(HttpRequest.newBuilder(URI.create(api + "/api/imports"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        String jobId = created.path("job_id").asString();
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(created.path("upload").path("url").asString()))
                .PUT(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() != 200) {
            throw new IllegalStateException("upload failed: " + put.statusCode() + " " + put.body());
        }
        System.err.printf("uploaded %,d bytes of %s%n", Files.size(file), kind);
        send(HttpRequest.newBuilder(URI.create(api + "/api/imports/" + jobId + "/start"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()));
        while (true) {
            JsonNode status = send(HttpRequest.newBuilder(URI.create(api + "/api/imports/" + jobId))
                    .header("Authorization", "Bearer " + token).GET());
            String state = status.path("status").asString();
            progress.accept(status);
            if (state.startsWith("COMPLETED")) {
                return status;
            }
            if (!state.equals("PENDING") && !state.equals("INGESTING") && !state.equals("APPLYING")) {
                throw new IllegalStateException("import ended " + state + ": " + status);
            }
            // as often as the CLI asks (ImportCommand): more often would take the API's processor time from the import
            Thread.sleep(500);
        }
    }

    static JsonNode send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 400) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
