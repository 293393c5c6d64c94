package com.bulkimport.api.openapi;

import com.bulkimport.api.ApiIntegrationTest;
import com.bulkimport.api.problem.ProblemTypes;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document names every API endpoint, its security and its problems, and every problem type. */
class OpenApiIntegrationTest extends ApiIntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyApiEndpointIsDocumentedWithItsProblems() {
        JsonHttp.Response response = anonymous().get("/v3/api-docs");
        assertThat(response.status()).isEqualTo(200);
        JsonNode doc = response.json();
        assertThat(doc.path("openapi").asString()).startsWith("3.");

        Set<String> mapped = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> info.getPatternValues().stream()
                .filter(pattern -> pattern.startsWith("/api/"))
                .forEach(pattern -> info.getMethodsCondition().getMethods()
                        .forEach(method -> mapped.add(method.name().toLowerCase() + " " + pattern))));
        Set<String> documented = new TreeSet<>();
        List<String> withoutProblems = new ArrayList<>();
        doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            documented.add(operation.getKey() + " " + path.getKey());
            JsonNode responses = operation.getValue().path("responses");
            if (!responses.has("500") || !responses.path("500").path("content").has("application/problem+json")) {
                withoutProblems.add(operation.getKey() + " " + path.getKey());
            }
        }));
        assertThat(documented).containsAll(mapped);
        assertThat(withoutProblems).isEmpty();

        JsonNode imports = doc.path("paths").path("/api/imports/{id}").path("get");
        assertThat(imports.path("responses").has("404")).isTrue();
        assertThat(imports.path("responses").has("401")).isTrue();
        assertThat(imports.path("security").toString()).contains("bearer");
        assertThat(doc.path("paths").path("/api/restaurants").path("get").path("security").toString()).contains("apiKey");
        JsonNode reviews = doc.path("paths").path("/api/restaurants/{id}/reviews").path("get");
        assertThat(reviews.path("summary").asString()).isEqualTo("A restaurant's reviews, newest first");
        assertThat(reviews.path("security").toString()).contains("bearer", "apiKey");
        assertThat(reviews.path("responses").path("404").path("description").asString()).contains("restaurant-not-found");
        assertThat(reviews.path("parameters").toString()).contains("\"page\"", "\"size\"");
        assertThat(doc.path("paths").path("/api/templates").path("get").has("security")).isFalse();
        for (String action : List.of("cancel", "pause", "resume")) {
            JsonNode control = doc.path("paths").path("/api/imports/{id}/" + action).path("post");
            assertThat(control.path("summary").asString()).as(action).isNotBlank();
            assertThat(control.path("tags").toString()).as(action).isEqualTo("[\"imports\"]");
            assertThat(control.path("responses").path("404").path("description").asString()).contains("import-not-found");
            assertThat(control.path("responses").path("409").path("description").asString()).contains("illegal-job-state");
            assertThat(control.path("responses").path("409").path("content").has("application/problem+json")).isTrue();
        }
        assertThat(doc.path("paths").path("/api/imports/{id}/pause").path("post").path("summary").asString())
                .startsWith("Pause");
        assertThat(doc.path("paths").path("/api/imports").path("get").path("responses").path("200").path("content")
                .path("application/json").path("schema").toString()).contains("JobPage");
        assertThat(doc.path("components").path("schemas").path("JobPage").path("properties").has("total_items")).isTrue();

        // the seed's upload is read as a stream, not bound: its form is documented by hand
        JsonNode upload = doc.path("paths").path("/api/import/purchases").path("post");
        assertThat(upload.path("requestBody").path("content").path("multipart/form-data").path("schema")
                .path("$ref").asString()).isEqualTo("#/components/schemas/UploadForm");
        assertThat(doc.path("components").path("schemas").path("UploadForm").path("properties").properties().stream()
                .map(java.util.Map.Entry::getKey).toList()).containsExactlyInAnyOrder("file", "merchant_id", "batch_name");
        assertThat(upload.path("responses").path("413").path("description").asString()).contains("file-too-large");
        assertThat(doc.path("paths").path("/api/import/status/{batch_id}").path("get").path("responses").path("404")
                .path("description").asString()).contains("import-not-found");
    }

    @Test
    void everyProblemTypeIsInTheCatalog() {
        JsonNode doc = anonymous().get("/v3/api-docs").json();
        List<String> types = new ArrayList<>();
        doc.path("components").path("schemas").path("Problem").path("properties").path("type").path("enum")
                .forEach(type -> types.add(type.asString()));
        assertThat(types).containsExactlyElementsOf(ProblemTypes.ALL.stream().map(ProblemTypes.Type::uri).toList());
        String description = doc.path("info").path("description").asString();
        ProblemTypes.ALL.forEach(type -> assertThat(description).contains("`" + type.slug() + "`"));
        assertThat(doc.path("components").path("securitySchemes").path("bearer").path("scheme").asString())
                .isEqualTo("bearer");
        assertThat(doc.path("components").path("securitySchemes").path("apiKey").path("name").asString())
                .isEqualTo("X-Api-Key");
    }

    @Test
    void rateLimitedOperationsDeclareTheirHeaders() {
        JsonNode paths = anonymous().get("/v3/api-docs").json().path("paths");

        JsonNode start = paths.path("/api/imports/{id}/start").path("post").path("responses");
        assertThat(start.path("200").path("headers").propertyNames())
                .containsExactlyInAnyOrder("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset");
        assertThat(start.path("429").path("description").asString()).isEqualTo("problem: rate-limited");
        assertThat(start.path("429").path("headers").propertyNames()).containsExactlyInAnyOrder("RateLimit-Limit",
                "RateLimit-Remaining", "RateLimit-Reset", "Retry-After");
        assertThat(paths.path("/api/imports/{id}").path("patch").path("responses").path("429").isMissingNode()).isFalse();
        assertThat(paths.path("/api/imports/{id}/sample").path("get").path("responses").path("200").path("headers")
                .has("RateLimit-Remaining")).isTrue();
        assertThat(paths.path("/api/imports/{id}/errors.csv").path("get").path("responses").path("429")
                .path("description").asString()).isEqualTo("problem: rate-limited, too-many-downloads");
        // not limited: no 429, no headers
        JsonNode status = paths.path("/api/imports/{id}").path("get").path("responses");
        assertThat(status.has("429")).isFalse();
        assertThat(status.path("200").has("headers")).isFalse();
        assertThat(paths.path("/api/imports/{id}/cancel").path("post").path("responses").has("429")).isFalse();
    }

    @Test
    void swaggerUiIsServed() {
        JsonHttp.Response redirect = anonymous().get("/swagger-ui.html");
        assertThat(redirect.status()).isEqualTo(302);
        assertThat(anonymous().get(redirect.header("Location")).status()).isEqualTo(200);
    }
}
