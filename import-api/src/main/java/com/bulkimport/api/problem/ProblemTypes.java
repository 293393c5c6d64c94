package com.bulkimport.api.problem;

import java.util.List;

/**
 * Every problem {@code type} this API answers with, its status and what it means: the catalog the
 * OpenAPI document publishes and the tests hold the API to.
 */
public final class ProblemTypes {

    public static final String BASE = com.bulkimport.support.problem.Problems.TYPE_BASE;

    /** One problem type. */
    public record Type(String slug, int status, String title, String meaning) {
        public String uri() {
            return BASE + slug;
        }
    }

    public static final List<Type> ALL = List.of(
            new Type("invalid-request", 400, "The request is not valid",
                    "one or more fields are missing or wrong; every problem is listed under `errors`"),
            new Type("invalid-parameter", 400, "Invalid parameter",
                    "a path or query parameter has the wrong type, or is longer than 255 characters"),
            new Type("malformed-request", 400, "Malformed request", "the body is not JSON, or not of the expected shape"),
            new Type("unauthorized", 401, "Not signed in", "no credentials were sent"),
            new Type("invalid-token", 401, "Not signed in",
                    "the bearer token is expired, tampered with, from another issuer or meant for another audience"),
            new Type("invalid-api-key", 401, "Not signed in", "the X-Api-Key is unknown or revoked"),
            new Type("forbidden", 403, "Not allowed",
                    "signed in, but without the role this endpoint, or what was asked (priority high), needs"),
            new Type("import-not-found", 404, "Import not found",
                    "no such import for this caller: someone else's import looks exactly the same"),
            new Type("restaurant-not-found", 404, "Restaurant not found", "no such restaurant in the caller's tenant"),
            new Type("product-not-found", 404, "Product not found", "no such product in the caller's tenant"),
            new Type("customer-not-found", 404, "Customer not found", "no such customer in the caller's tenant"),
            new Type("api-key-not-found", 404, "API key not found", "no API key with this id"),
            new Type("webhook-not-found", 404, "Webhook not found",
                    "no such webhook in the caller's tenant: another tenant's looks exactly the same"),
            new Type("mapping-not-found", 404, "Mapping not found",
                    "no such saved mapping in the caller's tenant: another tenant's looks exactly the same"),
            new Type("delivery-not-found", 404, "Delivery not found", "the webhook has no such delivery"),
            new Type("unknown-kind", 404, "Unknown import kind", "there is no such import kind"),
            new Type("not-found", 404, "Not Found", "no such path"),
            new Type("method-not-allowed", 405, "Method Not Allowed", "the path exists, not with this method"),
            new Type("not-acceptable", 406, "Not Acceptable", "the API cannot answer in the media type asked for"),
            new Type("illegal-job-state", 409, "Not possible in the import's current state",
                    "e.g. starting an import twice; the detail names the current status"),
            new Type("retry-would-fail-again", 409, "A retry would fail the same way",
                    "a retry of an import its file failed (binary, no data rows, a required column missing, never"
                            + " uploaded...): fix the file and import it again"),
            new Type("nothing-to-retry", 409, "Nothing to retry",
                    "a retry of a finished import none of whose images failed (a finished import's retry fetches"
                            + " its failed images again, nothing else)"),
            new Type("not-revertible", 409, "The import cannot be reverted now",
                    "the import has not finished, is itself a revert, or is a dry run that was never confirmed"),
            new Type("revert-in-progress", 409, "The import cannot be reverted now",
                    "another revert of the import has not finished (a failed one can be retried or cancelled)"),
            new Type("nothing-to-revert", 409, "The import cannot be reverted now",
                    "nothing of the import is left to revert: reverted already, or its record history expired"),
            new Type("mapping-name-taken", 409, "Mapping name taken",
                    "the tenant has a mapping of that kind with that name (any case) already"),
            new Type("webhook-disabled", 409, "Webhook disabled",
                    "a test or a redelivery to a disabled webhook; enable it first"),
            new Type("delivery-in-progress", 409, "Delivery still being attempted",
                    "a redelivery of a PENDING delivery, which may be in an attempt right now"),
            new Type("upload-missing", 409, "File not uploaded yet", "start was asked for before the file arrived"),
            new Type("upload-incomplete", 409, "Upload not completed",
                    "start was asked for before the parts of a multipart upload were completed"),
            new Type("upload-not-multipart", 409, "Not a multipart upload",
                    "parts or a completion asked of an import whose file is uploaded in one PUT"),
            new Type("upload-gone", 409, "The upload no longer exists",
                    "storage no longer has the multipart upload (aborted or expired) and no file was made of it"),
            new Type("file-too-large", 413, "File too large", "the declared file is above the file size limit"),
            new Type("storage-quota-exceeded", 422, "Storage quota exceeded",
                    "the tenant's files together would pass its storage quota; wait for retention to remove old jobs"),
            new Type("too-many-rows", 413, "Too many rows for an inline import",
                    "an inline import above the rows-per-request limit"),
            new Type("body-too-large", 413, "Request body too large", "the body is above the JSON body size limit"),
            new Type("unsupported-media-type", 415, "Unsupported Media Type", "send application/json"),
            new Type("upload-size-mismatch", 422, "Uploaded file has the wrong size",
                    "the uploaded object's size differs from the declared content_length"),
            new Type("upload-parts-missing", 422, "Parts missing",
                    "a completion leaves parts out, or storage lacks parts; `missing_parts` lists them"),
            new Type("upload-part-etag-mismatch", 422, "Part ETag does not match",
                    "a completion names ETags storage does not hold for those parts; `parts` lists them"),
            new Type("upload-part-size-mismatch", 422, "Part has the wrong size",
                    "storage holds parts whose length is not the planned one (part_size; the last the rest); `parts`"),
            new Type("upload-refused-by-storage", 422, "Storage refused to complete the upload",
                    "S3 refused to assemble the parts; `code` is its error code (InvalidPart, InvalidPartOrder,"
                            + " EntityTooSmall)"),
            new Type("unreadable-file", 422, "The file cannot be read", "empty, binary or malformed file"),
            new Type("sample-limit-exceeded", 422, "The file's head is beyond what a sample reads",
                    "the header is longer than SAMPLE_MAX_RECORD_SIZE, or the file's head inflates past"
                            + " SAMPLE_MAX_DECOMPRESSED_SIZE before it; `code` says which"),
            new Type("correction-refused", 422, "The corrections cannot be applied",
                    "a row out of range or without a refused value, an unknown column, a default the column refuses,"
                    + " or an import of purchases"),
            new Type("idempotency-key-reused", 422, "Idempotency key reused",
                    "the Idempotency-Key was used before with a different request body"),
            new Type("webhook-target-refused", 422, "Webhook URL refused",
                    "the URL is not https, does not resolve, or resolves to a loopback, private, link-local or"
                            + " otherwise non-public address (SSRF policy)"),
            new Type("webhook-limit-reached", 422, "Too many webhooks",
                    "the tenant has as many webhooks as it may (bulkimport.webhooks.max-endpoints-per-tenant)"),
            new Type("mapping-limit-reached", 422, "Too many mappings",
                    "the tenant has as many named mappings as it may (200); delete one first"),
            new Type("rate-limited", 429, "Too many requests",
                    "the caller's token bucket for creating or starting imports is empty; see Retry-After"),
            new Type("too-many-downloads", 429, "Too many downloads",
                    "the caller already runs as many error-report downloads as one user may; see Retry-After"),
            new Type("internal-error", 500, "Internal error", "a fault on our side; quote the reference"),
            new Type("operations-unreachable", 502, "Operations service unavailable",
                    "the outbox relay or the batch worker (admin pages) did not answer the API"),
            new Type("operations-refused", 502, "Operations service unavailable",
                    "the outbox relay or the batch worker refused the admin's token: it must trust the API's issuer"),
            new Type("unavailable", 503, "Temporarily unavailable", "the database cannot be reached; retry shortly"),
            new Type("operations-not-configured", 503, "Operations service unavailable",
                    "the API was not told where the relay's or the worker's admin endpoints are (RELAY_ADMIN_URL, WORKER_ADMIN_URL)"));

    private ProblemTypes() {
    }

    /** The type of a framework-raised problem with this status. */
    static String forStatus(int status) {
        return switch (status) {
            case 400 -> "malformed-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "body-too-large";
            case 415 -> "unsupported-media-type";
            case 503 -> "unavailable";
            default -> "internal-error";
        };
    }
}
