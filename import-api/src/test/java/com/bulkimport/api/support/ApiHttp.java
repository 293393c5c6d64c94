package com.bulkimport.api.support;

import com.bulkimport.local.embedded.testkit.JsonHttp;
import com.bulkimport.local.embedded.testkit.Multipart;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link JsonHttp} with headers of its own on every API request (a bearer token, an API key, an
 * Idempotency-Key); presigned uploads to S3 go without them.
 */
public final class ApiHttp {

    private final String base;
    private final JsonHttp http;
    private final Map<String, String> headers;

    public ApiHttp(String base, Map<String, String> headers) {
        this.base = base;
        this.http = new JsonHttp(base);
        this.headers = Map.copyOf(headers);
    }

    public static ApiHttp bearer(String base, String token) {
        return new ApiHttp(base, Map.of("Authorization", "Bearer " + token));
    }

    public static ApiHttp anonymous(String base) {
        return new ApiHttp(base, Map.of());
    }

    public ApiHttp with(String header, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(header, value);
        return new ApiHttp(base, more);
    }

    public JsonHttp.Response get(String path) {
        return send(request(path).GET());
    }

    public JsonHttp.Response delete(String path) {
        return send(request(path).DELETE());
    }

    public JsonHttp.Response postJson(String path, Object body) {
        String text = body instanceof String s ? s : JsonHttp.JSON.writeValueAsString(body);
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text)));
    }

    public JsonHttp.Response post(String path, String contentType, String body) {
        HttpRequest.Builder request = request(path).POST(body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    /** A multipart/form-data POST (the seed's upload form). */
    public JsonHttp.Response postMultipart(String path, Multipart form) {
        return postBytes(path, form.contentType(), form.bytes());
    }

    /** Any bytes with any content type: for bodies that are broken on purpose. */
    public JsonHttp.Response postBytes(String path, String contentType, byte[] body) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** PUT to an absolute URL (a presigned upload): no API headers. */
    public JsonHttp.Response putBytes(String url, byte[] body, Map<String, String> uploadHeaders) {
        return http.putBytes(url, body, uploadHeaders);
    }

    /** Any request; the API headers are added. */
    public JsonHttp.Response send(HttpRequest.Builder request) {
        headers.forEach(request::setHeader);
        return http.send(request);
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path));
    }
}
