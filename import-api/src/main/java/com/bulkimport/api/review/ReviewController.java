package com.bulkimport.api.review;

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
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/**
 * The review step of a dry run (docs/architecture.md, "Review and corrections"): every row problem, paged and
 * filtered, with its counts; and corrections of the refused rows while the job is PREVIEW_READY.
 */
@RestController
@Tag(name = "imports")
class ReviewController {

    private final ImportJobService jobs;
    private final ProblemQueries problems;
    private final CorrectionService corrections;
    private final CurrentCaller caller;
    private final ImportLimits limits;
    private final RateLimits rateLimits;

    ReviewController(ImportJobService jobs, ProblemQueries problems, CorrectionService corrections,
                     CurrentCaller caller, ImportLimits limits, RateLimits rateLimits) {
        this.jobs = jobs;
        this.problems = problems;
        this.corrections = corrections;
        this.caller = caller;
        this.limits = limits;
        this.rateLimits = rateLimits;
    }

    /**
     * {@code counts} are of every problem not skipped, whatever the filters, so that the filters stay in view;
     * {@code columns} are the file's own column names, in its order.
     */
    record ProblemPage(List<ProblemQueries.Problem> items, int page, int size, long totalItems, long totalPages,
                       ProblemQueries.Counts counts, List<String> columns) {
    }

    @Operation(summary = "A page of an import's row problems, with their counts by code and by column",
            description = "In row order; a row refused for two fields has two problems. Filter by `code` and by"
                    + " `column` (the field a problem is about). Rows skipped at review are left out (counted in"
                    + " `counts.skipped`). While PREVIEW_READY, rows naming a record that does not exist (a dish's"
                    + " restaurant, a stock record's product), which are refused only when applied, are listed too"
                    + " (UNKNOWN_RESTAURANT, UNKNOWN_PRODUCT). Each problem carries the value of its cell as the file"
                    + " has it now.")
    @GetMapping(path = "/api/imports/{id}/problems", produces = MediaType.APPLICATION_JSON_VALUE)
    ProblemPage problems(@PathVariable UUID id, @RequestParam(defaultValue = "0") int page,
                         @RequestParam(defaultValue = "50") int size, @RequestParam(required = false) String code,
                         @RequestParam(required = false) String column) {
        Page.check(page, size, limits.errorPageSizeMax());
        for (String filter : new String[] {code, column}) {
            if (filter != null && (filter.length() > 100 || filter.chars().anyMatch(Character::isISOControl))) {
                throw new InvalidImportRequest(List.of("code and column must be at most 100 characters"
                        + " without control characters"));
            }
        }
        Caller who = caller.get();
        rateLimits.take(who, RateLimits.Action.ERROR_REPORT);
        ImportJob job = jobs.find(who, id);
        long total = problems.count(job, code, column);
        return new ProblemPage(problems.page(job, code, column, page, size), page, size, total,
                (total + size - 1) / size, problems.counts(job), problems.header(job));
    }

    @Operation(summary = "Correct a dry run's refused rows without uploading again",
            description = "While the import is PREVIEW_READY: the operations apply in order, all or none — set a"
                    + " cell of a refused row `{row, column, value}`, give a column's empty cells a value in every"
                    + " row, valid or refused, as the upload option `defaults` does `{column, default}` (`filled`"
                    + " counts the valid rows), leave out the rows still refused and those naming a record that does"
                    + " not exist `{skip: \"rows_with_errors\"}` or"
                    + " rows by number `{skip_rows: [...]}`. Only the rows changed are validated again; a row now"
                    + " valid joins the preview, whose counts, examples, problems and error report are refreshed."
                    + " Confirm then applies the corrected rows. 409 illegal-job-state outside PREVIEW_READY;"
                    + " 422 correction-refused for a row out of range or without a refused value, an unknown column,"
                    + " a default the column refuses, or purchases.")
    @PostMapping(path = "/api/imports/{id}/corrections", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    CorrectionService.Outcome correct(@PathVariable UUID id, @RequestBody CorrectionRequest request) {
        Caller who = caller.get();
        rateLimits.take(who, RateLimits.Action.UPDATE);
        return corrections.apply(who, id, request);
    }
}
