package com.bulkimport.api.importjob;

import com.bulkimport.api.caller.Caller;
import com.bulkimport.api.caller.CurrentCaller;
import com.bulkimport.api.ratelimit.RateLimits;
import com.bulkimport.api.read.Page;
import com.bulkimport.model.ImportMode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.UUID;

@RestController
@Tag(name = "imports", description = "an import job: create it, upload its file, start, follow, change, confirm, cancel or retry it")
@RequestMapping(path = "/api/imports", produces = MediaType.APPLICATION_JSON_VALUE)
class ImportJobController {

    private final ImportJobService service;
    private final ImportJobViews views;
    private final ImportJobRepository jobs;
    private final CurrentCaller caller;
    private final ImportLimits limits;
    private final InlineImportService inline;
    private final JobControlService control;

    private final RateLimits rateLimits;
    private final RevertService reverts;

    ImportJobController(ImportJobService service, ImportJobViews views, ImportJobRepository jobs,
                        CurrentCaller caller, ImportLimits limits, InlineImportService inline,
                        JobControlService control, RateLimits rateLimits, RevertService reverts) {
        this.reverts = reverts;
        this.rateLimits = rateLimits;
        this.inline = inline;
        this.control = control;
        this.service = service;
        this.views = views;
        this.jobs = jobs;
        this.caller = caller;
        this.limits = limits;
    }

    /** 201 with the new job; 200 with the same job when the Idempotency-Key and body were seen before. */
    @Operation(summary = "Create an import and get a presigned URL to upload its file to")
    @ApiResponse(responseCode = "201", description = "the new job, awaiting its upload", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "200", description = "the same job again: this Idempotency-Key and body were seen before", useReturnTypeSchema = true)
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CreatedImport> create(@RequestBody CreateImportRequest request,
                                         @RequestHeader(name = Idempotency.HEADER, required = false) String key) {
        Caller who = caller.get();
        rateLimits.take(who, RateLimits.Action.CREATE);
        Idempotency.Outcome<CreatedImport> outcome = service.create(who, request, Idempotency.key(key));
        URI location = URI.create(outcome.value().statusUrl());
        return (outcome.replayed() ? ResponseEntity.ok().location(location) : ResponseEntity.created(location))
                .body(outcome.value());
    }

    /** Rows in the request body: job, staged rows, batches and their events in one transaction. */
    @Operation(summary = "Import rows sent in the request body (no file)")
    @ApiResponse(responseCode = "201", description = "the new job", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "200", description = "the same job again: this Idempotency-Key and body were seen before", useReturnTypeSchema = true)
    @PostMapping(path = "/rows", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ImportJobView> createInline(@RequestBody InlineImportRequest request,
                                               @RequestHeader(name = Idempotency.HEADER, required = false) String key) {
        Caller who = caller.get();
        rateLimits.take(who, RateLimits.Action.CREATE);
        if (request == null) {
            throw new InvalidImportRequest(List.of("the request body is empty"));
        }
        Idempotency.Outcome<UUID> outcome = inline.create(who, request, Idempotency.key(key));
        URI location = URI.create("/api/imports/" + outcome.value());
        return (outcome.replayed() ? ResponseEntity.ok().location(location) : ResponseEntity.created(location))
                .body(views.withRecentErrors(service.find(who, outcome.value())));
    }

    /** Mode and options (the column mapping above all) settled after the sample, before the start. */
    @Operation(summary = "Change an import's mode or options before it starts")
    @PatchMapping(path = "/{id}", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json"})
    ImportJobView update(@PathVariable UUID id, @RequestBody(required = false) UpdateImportRequest request) {
        Caller who = caller.get();
        rateLimits.take(who, RateLimits.Action.UPDATE);
        return views.summary(service.update(who, id, request));
    }

    @Operation(summary = "Start an import once its file is uploaded")
    @ApiResponse(responseCode = "202", description = "started: the worker picks it up", useReturnTypeSchema = true)
    @PostMapping("/{id}/start")
    ResponseEntity<ImportJobView> start(@PathVariable UUID id) {
        Caller who = caller.get();
        rateLimits.take(who, RateLimits.Action.START);
        ImportJob job = service.start(who, id);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(views.summary(job));
    }

    @Operation(summary = "Apply a dry run's previewed rows")
    @ApiResponse(responseCode = "202", description = "confirmed: its batches are applied", useReturnTypeSchema = true)
    @PostMapping("/{id}/confirm")
    ResponseEntity<ImportJobView> confirm(@PathVariable UUID id) {
        Caller who = caller.get();
        rateLimits.take(who, RateLimits.Action.CONFIRM);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(views.summary(control.confirm(who, id)));
    }

    @Operation(summary = "Cancel: at once when nothing runs, else CANCELLING until the worker stops at a batch boundary",
            description = "202 with the job. From PAUSED: at once before its batches existed, else CANCELLING."
                    + " 409 for an atomic import whose rows are being applied, or one that has ended.")
    @ApiResponse(responseCode = "202", description = "cancelled, or cancelling", useReturnTypeSchema = true)
    @PostMapping("/{id}/cancel")
    ResponseEntity<ImportJobView> cancel(@PathVariable UUID id) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(views.summary(control.cancel(caller.get(), id)));
    }

    @Operation(summary = "Pause: nothing more is claimed; a batch in flight finishes, the ingest stops at a checkpoint",
            description = "202 with the job, PAUSED (pausing a paused job changes nothing). 409 from any status but"
                    + " PENDING, INGESTING or APPLYING, and for an atomic import whose rows are being applied.")
    @ApiResponse(responseCode = "202", description = "paused", useReturnTypeSchema = true)
    @PostMapping("/{id}/pause")
    ResponseEntity<ImportJobView> pause(@PathVariable UUID id) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(views.summary(control.pause(caller.get(), id)));
    }

    @Operation(summary = "Resume a paused import where it stopped",
            description = "202 with the job: PENDING while its ingest goes on from the checkpoint, or APPLYING with"
                    + " its pending batches sent again. 409 for a job that is not PAUSED.")
    @ApiResponse(responseCode = "202", description = "resumed", useReturnTypeSchema = true)
    @PostMapping("/{id}/resume")
    ResponseEntity<ImportJobView> resume(@PathVariable UUID id) {
        Caller who = caller.get();
        // a resume sends the job's remaining work again: it draws from the bucket a start draws from
        rateLimits.take(who, RateLimits.Action.START);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(views.summary(control.resume(who, id)));
    }

    @Operation(summary = "Run a failed import again, or fetch a finished import's failed images again",
            description = "202 with the job. A FAILED import: its ingest again from its checkpoint, or its failed and"
                    + " held-back batches sent again. A finished one (COMPLETED, COMPLETED_WITH_ERRORS) whose images"
                    + " partly failed (`images.failed` > 0): a worker fetches those images again, and only those; each"
                    + " one fetched now is stored on its products as a first fetch would, and `images.done` goes up,"
                    + " `images.failed` down and its IMAGE_FETCH_FAILED warning leaves the error report as it"
                    + " succeeds; rows are not imported again and the status stays. 409 `illegal-job-state` for a job"
                    + " that is neither FAILED nor finished, `retry-would-fail-again` for one its file failed"
                    + " (`failure.retryable` false), `nothing-to-retry` for a finished one none of whose images failed.")
    @ApiResponse(responseCode = "202", description = "started again, or its failed images sent to be fetched again",
            useReturnTypeSchema = true)
    @PostMapping("/{id}/retry")
    ResponseEntity<ImportJobView> retry(@PathVariable UUID id) {
        Caller who = caller.get();
        // a retry runs the job again: it costs what a start costs, so it draws from the same bucket
        rateLimits.take(who, RateLimits.Action.START);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(views.summary(control.retry(who, id)));
    }

    @Operation(summary = "Revert an import: delete the records it created, give those it changed their values back",
            description = "202 with the revert, a job of its own (progress, pause, cancel, events, error report),"
                    + " owned like the import. A record changed by a later import since, or created by this one and"
                    + " pointed at by other records now, is left as it is: a conflict, one row of the revert's error"
                    + " report. With mode=dry-run: 200 with what the revert would do now, nothing changed. 409 when"
                    + " the import has not finished, is itself a revert, is a dry run never confirmed, is being"
                    + " reverted, or has nothing left to revert.")
    @ApiResponse(responseCode = "202", description = "the revert job, APPLYING",
            content = @Content(schema = @Schema(implementation = ImportJobView.class)))
    @ApiResponse(responseCode = "200", description = "mode=dry-run: what the revert would do now",
            content = @Content(schema = @Schema(implementation = RevertPreviewView.class)))
    @PostMapping("/{id}/revert")
    ResponseEntity<?> revert(@PathVariable UUID id,
                             @Parameter(description = "dry-run: preview only; commit (the default): revert")
                             @RequestParam(required = false) String mode) {
        Caller who = caller.get();
        ImportMode parsed = ImportMode.parse(mode).orElseThrow(() -> new InvalidImportRequest(
                List.of("mode must be commit or dry-run")));
        // a revert runs a job, and its preview reads all the import changed: both draw from the bucket a start does
        rateLimits.take(who, RateLimits.Action.START);
        if (parsed == ImportMode.DRY_RUN) {
            return ResponseEntity.ok(reverts.preview(who, id));
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(views.summary(reverts.revert(who, id)));
    }

    @Operation(summary = "An import's status, counts, progress and first errors")
    @GetMapping("/{id}")
    ImportJobView status(@PathVariable UUID id) {
        return views.withRecentErrors(service.find(caller.get(), id));
    }

    /**
     * The caller's jobs (an admin's: everyone's), newest first; {@code status} (one or more, comma-separated),
     * {@code kind} and {@code file_name} (a part of the name, any case) narrow them.
     */
    @Operation(summary = "The caller's imports (an admin's: everyone's), newest first")
    @GetMapping
    JobPage list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
                 @RequestParam(required = false) List<String> status, @RequestParam(required = false) String kind,
                 @RequestParam(name = "file_name", required = false) String fileName) {
        Page.check(page, size, limits.pageSizeMax());
        ImportJobRepository.JobFilter filter = JobFilters.parse(status, kind, fileName, limits.maxFieldLength());
        var who = caller.get();
        List<ImportJobView> items = jobs.list(who, filter, page, size).stream()
                .map(views::summary).toList();
        long total = jobs.count(who, filter);
        return new JobPage(items, page, size, total, (total + size - 1) / size);
    }

    record JobPage(List<ImportJobView> items, int page, int size, long totalItems, long totalPages) {
    }
}
