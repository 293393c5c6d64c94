package com.bulkimport.api.openapi;

import com.bulkimport.api.importjob.ImportLimits;
import com.bulkimport.api.problem.ProblemTypes;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The OpenAPI 3 document at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}): every
 * endpoint with its security and the problem details it can answer with, and the catalog of problem
 * types ({@link ProblemTypes}) as the {@code type} enum of the {@code Problem} schema.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearer";
    static final String API_KEY = "apiKey";
    static final String PROBLEM = "Problem";
    /** The role SecurityConfiguration requires of /api/admin/**, as OpenAPI 3.1 lets a requirement name it. */
    static final String ADMIN_ROLE = "admin";

    /** The wire is snake_case; swagger-core reads models with its own Jackson, so it is told the same. */
    @Bean
    ModelConverter snakeCaseModels() {
        return new ModelResolver(Json.mapper().copy()
                .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE));
    }

    @Bean
    OpenAPI bulkImportOpenApi() {
        StringBuilder catalog = new StringBuilder("""
                Bulk CSV imports into PostgreSQL, and the read API over what they imported.

                Sign in with an OAuth2/OIDC access token (`Authorization: Bearer …`); server-to-server read clients \
                may send `X-Api-Key` to the read API instead. Someone else's import answers 404, never 403.

                Every error is an RFC 9457 problem detail (`application/problem+json`). Problem types:

                | type | status | meaning |
                | --- | --- | --- |
                """);
        ProblemTypes.ALL.forEach(type -> catalog.append("| `").append(type.slug()).append("` | ").append(type.status())
                .append(" | ").append(type.meaning()).append(" |\n"));
        Schema<Object> problem = new ObjectSchema()
                .addProperty("type", new StringSchema()._enum(ProblemTypes.ALL.stream().map(ProblemTypes.Type::uri)
                        .toList()).description("one of the documented problem types"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema().description("what went wrong, for a person"))
                .addProperty("instance", new StringSchema())
                .addProperty("errors", new io.swagger.v3.oas.models.media.ArraySchema().items(new StringSchema())
                        .description("invalid-request: every problem of the request"))
                .addProperty("reference", new StringSchema().description("internal-error: quote it to the operators"));
        problem.setRequired(List.of("type", "title", "status"));
        return new OpenAPI()
                .info(new Info().title("bulk-import API").version("1").description(catalog.toString()))
                // relative: the deployment that serves the document (local, staging or production) is the server;
                // springdoc would otherwise name the URL of whoever asked, http on loopback included
                .servers(List.of(new Server().url("/").description(
                        "this deployment: the local stack, staging or production, whichever served this document")
                        .extensions(Map.of("x-internal", false))))
                .components(new Components()
                        .addSchemas(PROBLEM, problem)
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("JWT").description("""
                                        an access token of the configured OIDC issuer, checked as RFC8725 (JSON Web \
                                        Token Best Current Practices) asks: signed with a key of the issuer's JWKS \
                                        (never `alg: none`), issuer, audience, expiry and `token_use: access` verified. \
                                        Operations that need the admin role list `admin` as the requirement's role."""))
                        .addSecuritySchemes(API_KEY, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-Api-Key")
                                .description("read API only; issued by admins")));
    }

    /** Limits on what clients send, as the checks and this deployment's configuration hold them. */
    @Bean
    OpenApiCustomizer inputLimits(ImportLimits limits) {
        return new InputLimitDocs(limits);
    }

    /** Security and problem responses per operation, from the same rules the security configuration applies. */
    @Bean
    OperationCustomizer securityAndProblems() {
        return (operation, handler) -> {
            String path = pathOf(handler);
            boolean publicEndpoint = path.startsWith("/api/templates") || path.equals("/api/auth/config");
            if (publicEndpoint) {
                // explicitly public: one empty requirement ("no credentials needed"), not a forgotten one
                operation.setSecurity(List.of(new SecurityRequirement()));
            } else if (path.startsWith("/api/admin/")) {
                operation.addSecurityItem(new SecurityRequirement().addList(BEARER, ADMIN_ROLE));
            } else {
                operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
                if (path.startsWith("/api/restaurants") || path.startsWith("/api/products")
                        || path.startsWith("/api/customers")) {
                    operation.addSecurityItem(new SecurityRequirement().addList(API_KEY));
                }
            }
            boolean limited = RateLimitDocs.limited(handler, path);
            // BodySizeLimit caps every JSON body, and nothing else
            boolean jsonBody = operation.getRequestBody() != null && operation.getRequestBody().getContent() != null
                    && operation.getRequestBody().getContent().keySet().stream().anyMatch(type -> type.contains("json"));
            Map<Integer, List<String>> byStatus = new TreeMap<>(ProblemTypes.ALL.stream().filter(type -> {
                String slug = type.slug();
                if (slug.equals("body-too-large")) {
                    return jsonBody;
                }
                return applies(type, path, publicEndpoint) && (limited || !slug.equals("rate-limited"))
                        && (path.endsWith("/errors.csv") || !slug.equals("too-many-downloads"));
            }).collect(Collectors.groupingBy(ProblemTypes.Type::status,
                    Collectors.mapping(ProblemTypes.Type::slug, Collectors.toList()))));
            byStatus.forEach((status, slugs) -> {
                if (operation.getResponses() != null && operation.getResponses().get(status.toString()) == null) {
                    operation.getResponses().addApiResponse(status.toString(), new ApiResponse()
                            .description("problem: " + String.join(", ", slugs))
                            .content(new Content().addMediaType("application/problem+json",
                                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
                }
            });
            if (limited) {
                RateLimitDocs.addHeaders(operation);
            }
            return operation;
        };
    }

    private static String pathOf(org.springframework.web.method.HandlerMethod handler) {
        var type = handler.getBeanType().getAnnotation(org.springframework.web.bind.annotation.RequestMapping.class);
        var mapping = org.springframework.core.annotation.AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(),
                org.springframework.web.bind.annotation.RequestMapping.class);
        String base = type == null || type.path().length == 0 ? "" : type.path()[0];
        String own = mapping == null || mapping.path().length == 0 ? "" : mapping.path()[0];
        return base + own;
    }

    /** Which problems an endpoint can answer with, roughly by what it does. */
    private static boolean applies(ProblemTypes.Type type, String path, boolean publicEndpoint) {
        String slug = type.slug();
        if (slug.equals("internal-error") || slug.equals("unavailable") || slug.equals("malformed-request")
                || slug.equals("invalid-parameter") || slug.equals("not-acceptable")) {
            return true;
        }
        if (slug.equals("unauthorized")) {
            return !publicEndpoint;
        }
        if (slug.equals("invalid-token")) {
            // a public endpoint too refuses a bearer token that is sent and not valid
            return true;
        }
        if (slug.equals("invalid-api-key")) {
            return path.startsWith("/api/restaurants") || path.startsWith("/api/products") || path.startsWith("/api/customers");
        }
        if (slug.equals("forbidden")) {
            return !publicEndpoint;
        }
        if (path.startsWith("/api/imports")) {
            return !slug.equals("unknown-kind") && (!slug.endsWith("-not-found") || slug.equals("import-not-found"));
        }
        if (path.startsWith("/api/import/")) {
            // the purchase-import seed's endpoints (purchasebatch)
            return slug.equals("invalid-request")
                    || slug.equals("import-not-found") && path.startsWith("/api/import/status")
                    || path.equals("/api/import/purchases") && (slug.equals("file-too-large")
                    || slug.equals("unsupported-media-type") || slug.equals("rate-limited"));
        }
        if (path.startsWith("/api/webhooks")) {
            return slug.startsWith("webhook-") || slug.equals("invalid-request") || slug.equals("unsupported-media-type")
                    || slug.equals("body-too-large") || slug.equals("delivery-not-found") && path.contains("deliveries");
        }
        if (path.startsWith("/api/me/")) {
            return slug.equals("invalid-request") || slug.equals("unsupported-media-type");
        }
        if (path.startsWith("/api/templates")) {
            return slug.equals("unknown-kind");
        }
        if (path.startsWith("/api/restaurants")) {
            return slug.equals("restaurant-not-found") || slug.equals("invalid-request");
        }
        if (path.startsWith("/api/products")) {
            return slug.equals("invalid-request") || slug.equals("product-not-found") && path.contains("{id}");
        }
        if (path.startsWith("/api/customers")) {
            return slug.equals("customer-not-found") || slug.equals("invalid-request");
        }
        if (slug.startsWith("operations-")) {
            return path.startsWith("/api/admin/outbox") || path.startsWith("/api/admin/dead-letters");
        }
        if (path.startsWith("/api/admin/outbox") || path.startsWith("/api/admin/dead-letters")) {
            // the relay's and the worker's own problems come back as they are
            return slug.equals("invalid-request") || slug.equals("not-found") || slug.equals("unsupported-media-type");
        }
        if (path.startsWith("/api/admin")) {
            return slug.equals("api-key-not-found") || slug.equals("invalid-request")
                    || slug.equals("unsupported-media-type") || slug.equals("body-too-large");
        }
        return slug.equals("invalid-request");
    }
}
