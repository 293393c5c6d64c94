package com.bulkimport.api.errorreport;

import com.bulkimport.api.caller.Caller;
import com.bulkimport.api.caller.CurrentCaller;
import com.bulkimport.api.importjob.ImportJob;
import com.bulkimport.api.importjob.ImportJobService;
import com.bulkimport.api.importjob.ImportLimits;
import com.bulkimport.api.importjob.InvalidImportRequest;
import com.bulkimport.api.ratelimit.RateLimits;
import com.bulkimport.api.read.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * Every refused, duplicate or skipped row of a job: {@code GET /api/imports/{id}/errors} (paged JSON)
 * and {@code /api/imports/{id}/errors.csv} (the original columns plus where and why, streamed page by page,
 * at most {@link ErrorReportProperties#downloadsPerUser} at a time per user).
 */
@RestController
@Tag(name = "imports")
class ErrorReportController {

    private final ImportJobService jobs;
    private final RowErrorQueries errors;
    private final CurrentCaller caller;

    private final ImportLimits limits;
    private final DownloadSlots downloads;
    private final RateLimits rateLimits;

    ErrorReportController(ImportJobService jobs, RowErrorQueries errors, CurrentCaller caller, ImportLimits limits,
                          DownloadSlots downloads, RateLimits rateLimits) {
        this.rateLimits = rateLimits;
        this.limits = limits;
        this.downloads = downloads;
        this.jobs = jobs;
        this.errors = errors;
        this.caller = caller;
    }

    record ErrorPage(List<RowErrorQueries.RowErrorView> items, int page, int size, long totalItems, long totalPages) {
    }

    @Operation(summary = "A page of an import's row errors")
    @GetMapping(path = "/api/imports/{id}/errors", produces = MediaType.APPLICATION_JSON_VALUE)
    ErrorPage page(@PathVariable UUID id, @RequestParam(defaultValue = "0") int page,
                   @RequestParam(defaultValue = "100") int size, @RequestParam(required = false) String code) {
        Page.check(page, size, limits.errorPageSizeMax());
        if (code != null && (code.length() > 100 || code.chars().anyMatch(Character::isISOControl))) {
            throw new InvalidImportRequest(List.of("code must be at most 100 characters without control characters"));
        }
        Caller who = caller.get();
        rateLimits.take(who, RateLimits.Action.ERROR_REPORT);
        ImportJob job = jobs.find(who, id);
        long total = errors.count(job.id(), code);
        return new ErrorPage(errors.page(job.id(), code, page, size), page, size, total, (total + size - 1) / size);
    }

    @Operation(summary = "Every row error of an import as a CSV download")
    @GetMapping(path = "/api/imports/{id}/errors.csv")
    ResponseEntity<StreamingResponseBody> csv(@PathVariable UUID id) {
        Caller who = caller.get();
        rateLimits.take(who, RateLimits.Action.ERROR_REPORT);
        ImportJob job = jobs.find(who, id);
        RowErrorQueries.Layout layout = errors.layout(job.id());
        DownloadSlots.Slot slot = downloads.take(who.subject());
        StreamingResponseBody body = out -> {
            try (slot) {
                new ErrorCsv(layout).write(errors, job.id(), out);
            }
        };
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"errors-" + job.id() + ".csv\"")
                .body(body);
    }
}
