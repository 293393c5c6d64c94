package com.bulkimport.cli;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The few HTTP calls the CLI makes, signed in (see {@link Credentials}), with problem details turned
 * into readable errors. A token the API refuses is renewed once.
 */
final class ApiClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    private final Credentials credentials;

    ApiClient(String base, Credentials credentials) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.credentials = credentials;
    }

    /** An access token for the CLI's user, as the API's requests carry it. */
    String token() {
        return credentials.token(user -> issuer());
    }

    /** The issuer the API trusts, from its public {@code /api/auth/config}. */
    private String issuer() {
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/config"))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new ApiError("cannot reach the API at " + base + "; is it running? (./bulk-import up)");
        } catch (IOException e) {
            throw new ApiError("asking " + base + " where to sign in failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError("interrupted");
        }
        if (response.statusCode() != 200) {
            throw new ApiError("the API at " + base + " did not say where to sign in (HTTP " + response.statusCode()
                    + "); pass --token");
        }
        return JSON.readTree(response.body()).path("issuer").asString(null);
    }

    JsonNode get(String path) {
        return send(() -> HttpRequest.newBuilder(URI.create(base + path)).GET(), path);
    }

    String getText(String path) {
        HttpResponse<String> response = exchange(() -> HttpRequest.newBuilder(URI.create(base + path)).GET(), path);
        return response.body();
    }

    JsonNode post(String path, Object body) {
        return post(path, body, Map.of());
    }

    JsonNode post(String path, Object body, Map<String, String> headers) {
        String text = body == null ? null : JSON.writeValueAsString(body);
        return send(() -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/json")
                    .POST(text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
            headers.forEach(request::header);
            return request;
        }, path);
    }

    JsonNode patch(String path, Object body) {
        String text = JSON.writeValueAsString(body);
        return send(() -> HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(text)), path);
    }

    /** The API's address, as given. */
    String base() {
        return base;
    }

    /** DELETE, bounded: it runs from a shutdown hook too, which must not hang the terminal on a stalled API. */
    void delete(String path) {
        exchange(() -> HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(15)).DELETE(), path);
    }

    /** PUTs a file to a presigned URL; signed headers other than Content-Length (set by the client) are sent. */
    void upload(String url, Map<String, String> headers, Path file) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofFile(file));
        headers.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("host")) {
                request.header(name, value);
            }
        });
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError("interrupted while uploading");
        }
        if (response.statusCode() / 100 != 2) {
            throw new ApiError("upload refused by storage (HTTP " + response.statusCode() + "): " + response.body());
        }
    }

    private JsonNode send(java.util.function.Supplier<HttpRequest.Builder> request, String path) {
        HttpResponse<String> response = exchange(request, path);
        return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    private HttpResponse<String> exchange(java.util.function.Supplier<HttpRequest.Builder> request, String path) {
        HttpResponse<String> response = call(request.get(), path);
        if (response.statusCode() == 401 && credentials.renew()) {
            response = call(request.get(), path);
        }
        if (response.statusCode() >= 400) {
            throw problem(response);
        }
        return response;
    }

    private HttpResponse<String> call(HttpRequest.Builder request, String path) {
        HttpResponse<String> response;
        try {
            response = http.send(request.header("Accept", "application/json, text/csv, */*")
                            .header("Authorization", "Bearer " + token()).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new ApiError("cannot reach the API at " + base + "; is it running? (./bulk-import up)");
        } catch (IOException e) {
            throw new ApiError("calling " + path + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError("interrupted");
        }
        return response;
    }

    private static ApiError problem(HttpResponse<String> response) {
        try {
            JsonNode problem = JSON.readTree(response.body());
            StringBuilder text = new StringBuilder(problem.path("title").asString("HTTP " + response.statusCode()));
            String detail = problem.path("detail").asString("");
            if (!detail.isEmpty()) {
                text.append(": ").append(detail);
            }
            return new ApiError(text.toString(), problem.path("type").asString(null));
        } catch (RuntimeException e) {
            return new ApiError("HTTP " + response.statusCode() + ": " + response.body());
        }
    }
}
