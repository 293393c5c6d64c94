package com.bulkimport.api.importjob;

import com.bulkimport.api.caller.Caller;
import com.bulkimport.api.caller.CurrentCaller;
import com.bulkimport.api.ratelimit.RateLimits;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/** A job's resumable multipart upload: what storage holds, more part URLs, the completion. */
@RestController
@Tag(name = "imports")
@RequestMapping(path = "/api/imports/{id}/upload", produces = MediaType.APPLICATION_JSON_VALUE)
class UploadController {

    private final MultipartUploads uploads;
    private final CurrentCaller caller;
    private final RateLimits rateLimits;

    UploadController(MultipartUploads uploads, CurrentCaller caller, RateLimits rateLimits) {
        this.uploads = uploads;
        this.caller = caller;
        this.rateLimits = rateLimits;
    }

    @Operation(summary = "What storage holds of an import's upload: the parts it has, with ETag and size, and those missing",
            description = "A multipart upload awaiting its parts lists every part storage holds (all pages of S3's"
                    + " ListParts) and the part numbers still missing: what a resume uploads. Once completed, or for a"
                    + " single PUT, `completed` says whether the file is whole.")
    @GetMapping
    MultipartUploads.UploadStatus status(@PathVariable UUID id) {
        Caller who = caller.get();
        rateLimits.take(who, RateLimits.Action.UPLOAD);
        return uploads.status(who, id);
    }

    @Operation(summary = "Presigned URLs for more parts of a multipart upload",
            description = "At most 100 part numbers at once, each from 1 to part_count. Each URL takes one PUT of"
                    + " exactly that part's bytes (part_size, the last part the rest) and answers with its ETag."
                    + " 409 when the import does not await its parts (started, cancelled, completed, or a single PUT).")
    @PostMapping(path = "/parts", consumes = MediaType.APPLICATION_JSON_VALUE)
    MultipartUploads.PartUrls parts(@PathVariable UUID id,
                                    @RequestBody(required = false) MultipartUploads.PartsRequest request) {
        Caller who = caller.get();
        rateLimits.take(who, RateLimits.Action.UPLOAD);
        return uploads.partUrls(who, id, request);
    }

    @Operation(summary = "Complete a multipart upload: storage assembles the parts into the file",
            description = "With `parts` (every part number with the ETag its PUT answered), each is checked against"
                    + " what storage holds first; without a body, the parts storage holds are taken. 422 names the"
                    + " missing parts (upload-parts-missing), wrong ETags (upload-part-etag-mismatch), parts of the"
                    + " wrong size (upload-part-size-mismatch) or storage's own refusal (upload-refused-by-storage);"
                    + " 409 when the upload is gone (upload-gone) or the import no longer awaits it. Completing a"
                    + " completed upload answers as before. Then start the import.")
    @ApiResponse(responseCode = "200", description = "completed: the file is whole", useReturnTypeSchema = true)
    @PostMapping(path = "/complete")
    MultipartUploads.UploadStatus complete(@PathVariable UUID id,
                                           @RequestBody(required = false) MultipartUploads.CompleteRequest request) {
        Caller who = caller.get();
        rateLimits.take(who, RateLimits.Action.UPLOAD);
        return uploads.complete(who, id, request);
    }
}
