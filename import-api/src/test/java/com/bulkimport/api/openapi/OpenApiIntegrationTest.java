package com.bulkimport.api.openapi;

import com.bulkimport.api.ApiIntegrationTest;
import com.bulkimport.api.problem.ProblemTypes;
import com.bulkimport.api.ratelimit.RateLimits;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
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
        JsonNode stock = doc.path("paths").path("/api/products/{id}/inventory").path("get");
        assertThat(stock.path("summary").asString()).isEqualTo("A product's stock per store");
        assertThat(stock.path("security").toString()).contains("bearer", "apiKey");
        assertThat(stock.path("responses").path("404").path("description").asString()).contains("product-not-found");
        // public, and saying so: one empty requirement; admin endpoints name the role they need
        assertThat(doc.path("paths").path("/api/templates").path("get").path("security").toString()).isEqualTo("[{}]");
        assertThat(doc.path("paths").path("/api/admin/api-keys").path("get").path("security").toString())
                .isEqualTo("[{\"bearer\":[\"admin\"]}]");
        assertThat(doc.path("servers").toString())
                .isEqualTo("[{\"url\":\"/\",\"description\":\"this deployment: the local stack, staging or production,"
                        + " whichever served this document\",\"x-internal\":false}]");
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
        // the status the API answers with: 202, the job started
        assertThat(start.propertyNames()).doesNotContain("200");
        assertThat(start.path("202").path("headers").propertyNames())
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

    /**
     * RateLimitDocs names the rate-limited operations by hand; the bytecode says which handlers call
     * {@code RateLimits.take}. The two agree, so a new limit cannot go undocumented (nor a removed one stay).
     */
    @Test
    void theDocumentedRateLimitedOperationsAreThoseThatTakeAToken() {
        JavaClasses classes = new ClassFileImporter().importPackages("com.bulkimport.api");
        Set<java.lang.reflect.Method> taking = new java.util.HashSet<>();
        classes.get(RateLimits.class).getMethodCallsToSelf().stream()
                .filter(call -> call.getTarget().getName().equals("take"))
                .forEach(call -> taking.add((java.lang.reflect.Method) call.getOrigin().reflect()));
        Set<String> operations = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (taking.remove(handler.getMethod())) {
                info.getPatternValues().forEach(pattern -> info.getMethodsCondition().getMethods()
                        .forEach(method -> operations.add(method.name() + " " + pattern)));
            }
        });
        assertThat(taking).as("callers of RateLimits.take that are no handler").isEmpty();
        assertThat(operations).isEqualTo(new TreeSet<>(RateLimitDocs.LIMITED));
    }

    /** What the document says of public endpoints' 401: a token that is sent is checked, and refused if bad. */
    @Test
    void aPublicEndpointRefusesABadTokenAsDocumented() {
        JsonNode doc = anonymous().get("/v3/api-docs").json();
        assertThat(doc.path("paths").path("/api/templates").path("get").path("responses").path("401")
                .path("description").asString()).isEqualTo("problem: invalid-token");
        JsonHttp.Response refused = anonymous().with("Authorization", "Bearer not-a-token").get("/api/templates");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().path("type").asString()).isEqualTo(ProblemTypes.BASE + "invalid-token");
    }

    /**
     * Every documented page-size maximum is the one the API holds a request to: the maximum is answered, one
     * more is a 400 (every list without path parameters, so that nothing but the size decides).
     */
    @Test
    void everyDocumentedPageSizeIsTheEnforcedOne() {
        JsonNode paths = anonymous().get("/v3/api-docs").json().path("paths");
        List<String> checked = new ArrayList<>();
        paths.properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (!operation.getKey().equals("get") || path.getKey().contains("{")) {
                return;
            }
            for (JsonNode parameter : operation.getValue().path("parameters")) {
                if (parameter.path("name").asString().equals("size")) {
                    long max = parameter.path("schema").path("maximum").asLong();
                    assertThat(parameter.path("schema").path("minimum").asLong()).isEqualTo(1);
                    var admin = http(com.bulkimport.api.support.TestUser.ADMIN);
                    assertThat(admin.get(path.getKey() + "?size=" + max).status()).as(path.getKey()).isNotEqualTo(400);
                    JsonHttp.Response over = admin.get(path.getKey() + "?size=" + (max + 1));
                    assertThat(over.status()).as(path.getKey()).isEqualTo(400);
                    assertThat(over.json().path("type").asString()).isEqualTo(ProblemTypes.BASE + "invalid-request");
                    checked.add(path.getKey() + " " + max);
                }
            }
        }));
        assertThat(checked).containsExactlyInAnyOrder("/api/admin/api-keys 100", "/api/admin/dead-letters 200",
                "/api/admin/outbox/events 200", "/api/imports 100", "/api/products 100", "/api/restaurants 100",
                "/api/webhooks 100");
    }

    /**
     * Every string parameter's maxLength is one a check holds: 255 for any parameter (ParameterLengthLimit, before
     * the controller), less where a feature's own check says less (a UUID, a tenant, the read API's filters, a merchant).
     */
    @Test
    void aParameterLongerThanTheDocumentedMaximumIsRefused() {
        JsonNode paths = anonymous().get("/v3/api-docs").json().path("paths");
        Set<Integer> lengths = new TreeSet<>();
        paths.properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            for (JsonNode parameter : operation.getValue().path("parameters")) {
                if (parameter.path("schema").path("type").asString().equals("string")) {
                    lengths.add(parameter.path("schema").path("maxLength").asInt());
                }
            }
        }));
        assertThat(lengths).containsExactly(36, 100, 200, 255);
        assertThat(paths.path("/api/products").path("get").path("parameters").get(0).path("schema").path("maxLength")
                .asInt()).isEqualTo(200);

        String x256 = "x".repeat(256);
        for (String path : List.of("/api/products?q=" + x256, "/api/imports?file_name=" + x256,
                "/api/imports?kind=" + x256 + "&size=5", "/api/customers/" + x256 + "/purchases",
                "/api/import/list/" + x256)) {
            JsonHttp.Response refused = http().get(path);
            assertThat(refused.status()).as(path).isEqualTo(400);
            assertThat(refused.json().path("type").asString()).isEqualTo(ProblemTypes.BASE + "invalid-parameter");
            assertThat(refused.json().path("detail").asString()).endsWith("' must be at most 255 characters, got 256");
        }
        assertThat(http().get("/api/products?q=" + "x".repeat(200)).status()).isEqualTo(200);
        JsonHttp.Response over = http().get("/api/products?q=" + "x".repeat(201));
        assertThat(over.status()).isEqualTo(400);
        assertThat(over.json().path("type").asString()).isEqualTo(ProblemTypes.BASE + "invalid-request");
    }

    @Test
    void swaggerUiIsServed() {
        JsonHttp.Response redirect = anonymous().get("/swagger-ui.html");
        assertThat(redirect.status()).isEqualTo(302);
        assertThat(anonymous().get(redirect.header("Location")).status()).isEqualTo(200);
    }
}
