package com.bulkimport.api.operations;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Forwards an admin's request to the relay or the worker with the admin's own bearer token, so those
 * services check the role again and record who acted. Their answers (problem details included) come
 * back as they are; a service that is not configured, cannot be reached or refuses the token is a 502/503
 * that names it, never a 500 and never a 401 that would make the web UI sign the admin out.
 */
@Component
class OperationsGateway {

    enum Service {
        RELAY("the outbox relay"), WORKER("the batch worker");

        final String label;

        Service(String label) {
            this.label = label;
        }
    }

    private final OperationsProperties properties;
    private final HttpClient http;

    OperationsGateway(OperationsProperties properties) {
        this.properties = properties;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    ResponseEntity<byte[]> forward(Service service, String method, String path, Map<String, String> query,
                                   byte[] body, String authorization) {
        URI base = service == Service.RELAY ? properties.relayUrl() : properties.workerUrl();
        if (base == null) {
            throw new OperationsUnavailable(HttpStatus.SERVICE_UNAVAILABLE, "operations-not-configured",
                    service.label + "'s admin address is not configured (bulkimport.operations."
                            + (service == Service.RELAY ? "relay-url" : "worker-url") + ")");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(target(base, path, query))
                .timeout(properties.timeout())
                .header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            request.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE);
        }
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new OperationsUnavailable(HttpStatus.BAD_GATEWAY, "operations-unreachable",
                    service.label + " cannot be reached right now; try again shortly");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationsUnavailable(HttpStatus.SERVICE_UNAVAILABLE, "operations-unreachable",
                    "interrupted while asking " + service.label);
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new OperationsUnavailable(HttpStatus.BAD_GATEWAY, "operations-refused",
                    service.label + " refused the admin's token: it must trust the same issuer as the API");
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(response.statusCode());
        response.headers().firstValue(HttpHeaders.CONTENT_TYPE).ifPresent(type -> answer.header(HttpHeaders.CONTENT_TYPE, type));
        return answer.body(response.body());
    }

    private static URI target(URI base, String path, Map<String, String> query) {
        String root = base.toString().replaceAll("/+$", "");
        String parameters = query.entrySet().stream()
                .filter(entry -> entry.getValue() != null && !entry.getValue().isBlank())
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        return URI.create(root + path + (parameters.isEmpty() ? "" : "?" + parameters));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static String segments(String... parts) {
        return Arrays.stream(parts).map(OperationsGateway::encode).collect(Collectors.joining("/", "/", ""));
    }
}
