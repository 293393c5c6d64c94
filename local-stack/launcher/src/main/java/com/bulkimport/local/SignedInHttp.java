package com.bulkimport.local;

import com.bulkimport.local.embedded.testkit.JsonHttp;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;

/**
 * {@link JsonHttp} signed in: every request to the API carries a bearer token (e.g. from
 * {@link LocalStack#token}); presigned uploads go to S3 without it. For tests and tools that drive a
 * local stack.
 */
public final class SignedInHttp {

    private final String base;
    private final String token;
    private final JsonHttp http;

    public SignedInHttp(String base, String token) {
        this.base = base;
        this.token = token;
        this.http = new JsonHttp(base);
    }

    /** The stack's API as one of its demo users. */
    public static SignedInHttp as(LocalStack stack, String user) {
        return new SignedInHttp(stack.apiUrl(), stack.token(user));
    }

    public JsonHttp.Response get(String path) {
        return send(request(path).GET());
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

    /** PUT to an absolute URL (a presigned upload), without the token. */
    public JsonHttp.Response putBytes(String url, byte[] body, Map<String, String> headers) {
        return http.putBytes(url, body, headers);
    }

    public JsonHttp.Response send(HttpRequest.Builder request) {
        return http.send(request.setHeader("Authorization", "Bearer " + token));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path));
    }
}
