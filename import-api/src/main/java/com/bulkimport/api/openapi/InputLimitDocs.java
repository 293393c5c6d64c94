package com.bulkimport.api.openapi;

import com.bulkimport.api.importjob.ImportLimits;
import com.bulkimport.api.notification.MailAddresses;
import com.bulkimport.api.operations.OperationsController;
import com.bulkimport.api.read.Page;
import com.bulkimport.api.read.ReadLimits;
import com.bulkimport.api.security.ParameterLengthLimit;
import com.bulkimport.model.ImportKind;
import com.bulkimport.model.ImportMode;
import com.bulkimport.model.JobStatus;
import com.bulkimport.model.spec.KindSpecs;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import org.springdoc.core.customizers.OpenApiCustomizer;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The limits the API enforces on what a client sends, written into the document as {@code maxLength},
 * {@code minimum}/{@code maximum}, {@code maxItems}/{@code maxProperties} and enums: from the configured
 * {@link ImportLimits} (so the document says what this deployment refuses) and the constants the checks use.
 * Each number here is one a check holds the request to; the limits that are constants of one feature's own
 * request record are annotations on that record instead.
 */
final class InputLimitDocs implements OpenApiCustomizer {

    /** A UUID's text; anything else in a UUID parameter fails the binding (400 invalid-parameter). */
    private static final int UUID_LENGTH = 36;
    /** The lists no property configures the page size of. */
    private static final Set<String> FIXED_SIZE_LISTS = Set.of("/api/webhooks", "/api/webhooks/{id}/deliveries",
            "/api/admin/api-keys");

    private static final List<String> READ_API = List.of("/api/restaurants", "/api/products", "/api/customers");

    private final ImportLimits limits;

    InputLimitDocs(ImportLimits limits) {
        this.limits = limits;
    }

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getPaths() != null) {
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                if (operation.getParameters() != null) {
                    operation.getParameters().forEach(parameter -> limit(path, parameter));
                }
                body(path, operation);
            }));
        }
        Map<String, Schema> schemas = openApi.getComponents() == null ? null : openApi.getComponents().getSchemas();
        if (schemas == null) {
            return;
        }
        List<String> kinds = Arrays.stream(ImportKind.values()).filter(KindSpecs::supports).map(ImportKind::wireName)
                .toList();
        List<String> modes = Arrays.stream(ImportMode.values()).map(Enum::name).toList();
        for (String name : List.of("CreateImportRequest", "InlineImportRequest", "UpdateImportRequest",
                "MappingRequest")) {
            Schema<?> request = schemas.get(name);
            if (request == null) {
                continue;
            }
            enumOf(property(request, "kind"), kinds);
            enumOf(property(request, "mode"), modes);
        }
        Schema<?> named = schemas.get("MappingRequest");
        if (named != null && property(named, "mapping") != null) {
            // MappingChecks: as an import's column_mapping, at most the column count of entries of the field length
            Schema<?> entries = property(named, "mapping");
            entries.maxProperties(limits.maxColumns());
            if (entries.getAdditionalProperties() instanceof Schema<?> value) {
                maxLength(value, limits.maxFieldLength());
            }
        }
        Schema<?> create = schemas.get("CreateImportRequest");
        if (create != null && property(create, "content_length") != null) {
            // the file's declared size: at least a byte, at most the file size limit (413 file-too-large)
            property(create, "content_length").minimum(BigDecimal.ONE)
                    .maximum(BigDecimal.valueOf(limits.maxFileSize().toBytes()));
        }
        Schema<?> inline = schemas.get("InlineImportRequest");
        if (inline != null && property(inline, "rows") != null) {
            // a row is an object of field name → value: InlineRows holds both to the field length, the row to the
            // column count, the request to the inline row limit (413 too-many-rows)
            Schema<Object> cell = new Schema<>();
            cell.setTypes(Set.of("string", "number", "boolean", "null"));
            cell.setMaxLength(limits.maxFieldLength());
            cell.setDescription("the field's value; a number or boolean is read as its text");
            inline.getProperties().put("rows", new ArraySchema().items(new ObjectSchema()
                            .additionalProperties(cell).maxProperties(limits.maxColumns())
                            .description("one row: field name (or a mapped column name) → value"))
                    .maxItems(limits.maxInlineRows()).minItems(1));
        }
        Schema<?> options = schemas.get("ImportOptions");
        if (options != null) {
            // ImportRequestChecks: each text option and each entry of a mapping at most the field length,
            // a mapping at most the column count
            for (String text : List.of("encoding", "delimiter", "decimal_separator", "duplicate_transactions", "events",
                    "date_order", "time_zone")) {
                maxLength(property(options, text), limits.maxFieldLength());
            }
            maxLength(property(options, "sheet"), ImportLimits.MAX_SHEET_NAME);
            if (property(options, "date_order") != null) {
                property(options, "date_order").description("how dates written with the year last (12/1/2010) are read:"
                        + " MDY month first, DMY day first; unset, such dates are row errors unless written with dots");
            }
            if (property(options, "time_zone") != null) {
                property(options, "time_zone").description("where the file's date-times that name no offset were"
                        + " written: an IANA time zone (America/New_York) or an offset (+02:00); unset, UTC");
            }
            for (String map : List.of("column_mapping", "defaults")) {
                Schema<?> entries = property(options, map);
                if (entries != null) {
                    entries.maxProperties(limits.maxColumns());
                    if (entries.getAdditionalProperties() instanceof Schema<?> value) {
                        maxLength(value, limits.maxFieldLength());
                    }
                }
            }
            if (property(options, "batch_size") != null) {
                property(options, "batch_size").minimum(BigDecimal.valueOf(ImportLimits.MIN_BATCH_SIZE))
                        .maximum(BigDecimal.valueOf(ImportLimits.MAX_BATCH_SIZE));
            }
        }
        for (String name : List.of("Notify", "NotificationSettings")) {
            Schema<?> mail = schemas.get(name);
            if (mail != null && property(mail, "email") != null) {
                Schema<?> email = property(mail, "email");
                email.maxItems(MailAddresses.MAX);
                maxLength(email.getItems(), MailAddresses.MAX_LENGTH);
                if (email.getItems() != null) {
                    email.getItems().format("email");
                }
            }
        }
        Schema<?> form = schemas.get("UploadForm");
        if (form != null) {
            // a binary string's length is its bytes: the purchases file is held to the file size limit
            maxLength(property(form, "file"), (int) Math.min(Integer.MAX_VALUE, limits.maxFileSize().toBytes()));
        }
        // swagger-core describes Jackson's JsonNode by its getters (is_array, is_float...); on the wire it is
        // any JSON value (a job's stored preview), which an empty schema says
        if (schemas.containsKey("JsonNode")) {
            schemas.put("JsonNode", new Schema<>().description("any JSON value"));
        }
    }

    private void limit(String path, Parameter parameter) {
        Schema<?> schema = parameter.getSchema();
        if (schema == null) {
            return;
        }
        if (isType(schema, "string")) {
            maxLength(schema, "uuid".equals(schema.getFormat()) ? UUID_LENGTH : ParameterLengthLimit.MAX_LENGTH);
            if (READ_API.stream().anyMatch(path::startsWith)) {
                // the read API's filters and customer refs (ReadLimits)
                maxLength(schema, ReadLimits.MAX_FILTER_LENGTH);
            }
        } else if (isType(schema, "array")) {
            if (parameter.getName().equals("status") && path.equals("/api/imports")) {
                // JobFilters: each status at most once
                schema.maxItems(JobStatus.values().length);
                enumOf(schema.getItems(), Arrays.stream(JobStatus.values()).map(Enum::name).toList());
            }
        } else if (isType(schema, "integer")) {
            switch (parameter.getName()) {
                case "page" -> range(schema, 0, path.startsWith("/api/admin/outbox") || path.startsWith(
                        "/api/admin/dead-letters") ? OperationsController.MAX_PAGE_NUMBER : Page.MAX_PAGE_NUMBER);
                case "size" -> range(schema, 1, pageSizeMax(path));
                // the read API's keys are the database's bigint ids, from 1
                case "id" -> range(schema, 1, Long.MAX_VALUE);
                // a new integer parameter stays without limits here, and the build's lint names it
                // (bulkimport-input-integer-limit): its check and its limit belong here then
                default -> { }
            }
        }
    }

    private int pageSizeMax(String path) {
        if (FIXED_SIZE_LISTS.contains(path)) {
            return Page.UNCONFIGURED_SIZE_MAX;
        }
        if (path.startsWith("/api/admin/outbox") || path.startsWith("/api/admin/dead-letters")) {
            return OperationsController.MAX_PAGE_SIZE;
        }
        if (path.equals("/api/imports/{id}/errors") || path.equals("/api/imports/{id}/problems")) {
            return limits.errorPageSizeMax();
        }
        return limits.pageSizeMax();
    }

    /** Request bodies springdoc cannot describe from a record: a raw JSON tree, bytes passed on as they are. */
    private static void body(String path, Operation operation) {
        RequestBody body = operation.getRequestBody();
        if (body == null || body.getContent() == null) {
            return;
        }
        if (path.equals("/api/webhooks/{id}")) {
            // the PATCH is a merge patch of the same fields a create takes (WebhookService.update)
            body.getContent().values().forEach(media ->
                    media.setSchema(new Schema<>().$ref("#/components/schemas/WebhookRequest")));
        } else if (path.startsWith("/api/admin/outbox/events")) {
            // forwarded to the outbox relay unchanged (at most the JSON body limit): the relay reads and checks it
            Content content = new Content();
            body.getContent().keySet().forEach(type -> content.addMediaType(type, new MediaType().schema(
                    new ObjectSchema().description("the relay's replay request, e.g. {\"note\": \"…\"}; see the"
                            + " relay's /admin/outbox API"))));
            body.setContent(content);
        }
    }

    private static boolean isType(Schema<?> schema, String type) {
        return type.equals(schema.getType()) || schema.getTypes() != null && schema.getTypes().contains(type);
    }

    @SuppressWarnings("unchecked")
    private static Schema<Object> property(Schema<?> schema, String name) {
        return schema.getProperties() == null ? null : (Schema<Object>) schema.getProperties().get(name);
    }

    private static void maxLength(Schema<?> schema, int max) {
        if (schema != null && (schema.getMaxLength() == null || schema.getMaxLength() > max)) {
            schema.setMaxLength(max);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void enumOf(Schema schema, List<String> values) {
        if (schema != null) {
            schema.setEnum(values);
        }
    }

    private static void range(Schema<?> schema, long min, long max) {
        schema.setMinimum(BigDecimal.valueOf(min));
        schema.setMaximum(BigDecimal.valueOf(max));
    }
}
