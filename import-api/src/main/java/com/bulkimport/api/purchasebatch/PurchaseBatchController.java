package com.bulkimport.api.purchasebatch;

import com.bulkimport.api.caller.Caller;
import com.bulkimport.api.caller.CurrentCaller;
import com.bulkimport.api.importjob.ImportJob;
import com.bulkimport.api.importjob.ImportJobService;
import com.bulkimport.api.importjob.ImportLimits;
import com.bulkimport.api.importjob.ImportNotFound;
import com.bulkimport.api.importjob.InvalidImportRequest;
import com.bulkimport.api.ratelimit.RateLimits;
import com.bulkimport.api.read.Page;
import com.bulkimport.model.ImportKind;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * The purchase-import seed's endpoints, on top of the job API: a multipart upload that creates and
 * starts a purchases job, its status in the seed's words, and the caller's purchase jobs per merchant.
 * Ownership is the job API's: someone else's job is not found, lists show what the caller may see.
 */
@RestController
@Tag(name = "purchase imports", description = "the purchase-import endpoints of the original service, kept in their shape")
@RequestMapping(path = "/api/import", produces = MediaType.APPLICATION_JSON_VALUE)
class PurchaseBatchController {

    /** The seed listed its last 50 batches. */
    static final int DEFAULT_PAGE_SIZE = 50;

    private final PurchaseBatches batches;
    private final ImportJobService jobs;
    private final CurrentCaller caller;
    private final RateLimits rateLimits;
    private final ImportLimits limits;

    PurchaseBatchController(PurchaseBatches batches, ImportJobService jobs, CurrentCaller caller, RateLimits rateLimits,
                            ImportLimits limits) {
        this.batches = batches;
        this.jobs = jobs;
        this.caller = caller;
        this.rateLimits = rateLimits;
        this.limits = limits;
    }

    /** The seed's answer, with the status and where to ask for it. */
    record StartedBatch(boolean success, UUID batchId, String message, String status, String statusUrl) {
    }

    /** The form, for the OpenAPI document only: the body is read as a stream, never bound. */
    record UploadForm(@Schema(type = "string", format = "binary", description = "the purchases CSV") String file,
                      @Schema(description = "the merchant of every line that names none",
                              maxLength = PurchaseBatches.MAX_MERCHANT) String merchantId,
                      @Schema(description = "a name for the import, shown in its status and lists",
                              maxLength = PurchaseBatches.MAX_BATCH_NAME) String batchName) {
    }

    @Operation(summary = "Upload a purchases CSV and start importing it (the seed's one-step import)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.MULTIPART_FORM_DATA_VALUE, schema = @Schema(implementation = UploadForm.class))))
    @ApiResponse(responseCode = "202", description = "stored and started", useReturnTypeSchema = true)
    @PostMapping(path = "/purchases", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<StartedBatch> upload(HttpServletRequest request) {
        Caller who = caller.get();
        // one request both creates and starts a job: it costs one of each
        rateLimits.take(who, RateLimits.Action.CREATE);
        rateLimits.take(who, RateLimits.Action.START);
        ImportJob job = batches.upload(who, request);
        String statusUrl = "/api/import/status/" + job.id();
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(statusUrl))
                .body(new StartedBatch(true, job.id(), "Import started. Check status endpoint for progress.",
                        PurchaseBatchView.seedStatus(job.status()), statusUrl));
    }

    @Operation(summary = "A purchase import's status in the seed's shape")
    @GetMapping("/status/{batch_id}")
    PurchaseBatchView status(@PathVariable("batch_id") UUID batchId) {
        ImportJob job = jobs.find(caller.get(), batchId);
        if (job.kind() != ImportKind.PURCHASES) {
            throw new ImportNotFound(batchId); // not a purchase import: there is none by this id here
        }
        return PurchaseBatchView.of(job);
    }

    @Operation(summary = "The caller's purchase imports for one merchant, newest first")
    @GetMapping("/list/{merchant_id}")
    Page<PurchaseBatchView> list(@Parameter(schema = @Schema(type = "string", maxLength = PurchaseBatches.MAX_MERCHANT))
                                 @PathVariable("merchant_id") String merchantId,
                                 @RequestParam(defaultValue = "0") int page,
                                 @RequestParam(required = false) Integer size) {
        int pageSize = size == null ? Math.min(DEFAULT_PAGE_SIZE, limits.pageSizeMax()) : size;
        Page.check(page, pageSize, limits.pageSizeMax());
        String merchant = merchantId.strip();
        if (merchant.isEmpty() || merchant.length() > PurchaseBatches.MAX_MERCHANT
                || merchant.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidImportRequest(List.of("merchant_id must be 1 to " + PurchaseBatches.MAX_MERCHANT
                    + " printable characters"));
        }
        Caller who = caller.get();
        List<PurchaseBatchView> items = jobs.purchasesOf(who, merchant, page, pageSize).stream()
                .map(PurchaseBatchView::of).toList();
        return Page.of(items, page, pageSize, jobs.countPurchasesOf(who, merchant));
    }
}
