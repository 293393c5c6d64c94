package com.bulkimport.api.sample;

import com.bulkimport.api.caller.Caller;
import com.bulkimport.api.caller.CurrentCaller;
import com.bulkimport.api.importjob.ImportJob;
import com.bulkimport.api.importjob.ImportJobService;
import com.bulkimport.api.importjob.UploadMissing;
import com.bulkimport.api.ratelimit.RateLimits;
import com.bulkimport.api.storage.UploadStorage;
import com.bulkimport.model.ImportOptions;
import com.bulkimport.model.csv.CsvHints;
import com.bulkimport.model.csv.CsvSample;
import com.bulkimport.model.csv.UnreadableFile;
import com.bulkimport.model.spec.KindSpecs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.UUID;

/**
 * {@code GET /api/imports/{id}/sample}: what the uploaded file looks like before it is imported:
 * detected format, the header, the first records exactly as parsed, and the suggested mapping.
 * Reads only the head of the object (a ranged GET), whatever its size.
 */
@RestController
@Tag(name = "imports")
class SampleController {

    /** Enough for sniffing and twenty records of all but absurdly wide files. */
    static final long HEAD_BYTES = 2L << 20;

    private final ImportJobService jobs;
    private final UploadStorage storage;
    private final CurrentCaller caller;
    private final SampleProperties properties;

    private final RateLimits rateLimits;

    SampleController(ImportJobService jobs, UploadStorage storage, CurrentCaller caller, SampleProperties properties,
                     RateLimits rateLimits) {
        this.rateLimits = rateLimits;
        this.jobs = jobs;
        this.storage = storage;
        this.caller = caller;
        this.properties = properties;
    }

    @Operation(summary = "The uploaded file's header and first records, with the column mapping's problems")
    @GetMapping(path = "/api/imports/{id}/sample", produces = MediaType.APPLICATION_JSON_VALUE)
    SampleView sample(@PathVariable UUID id) {
        Caller who = caller.get();
        rateLimits.take(who, RateLimits.Action.SAMPLE);
        ImportJob job = jobs.find(who, id);
        long size = storage.sizeOf(job.objectKey()).orElseThrow(() -> new UploadMissing(job.fileName()));
        ImportOptions options = ImportOptions.fromJson(job.optionsJson());
        CsvHints hints = new CsvHints(options.encoding() == null ? null : Charset.forName(options.encoding()),
                options.delimiterChar());
        try (InputStream head = storage.openHead(job.objectKey(), HEAD_BYTES)
                .orElseThrow(() -> new UploadMissing(job.fileName()))) {
            CsvSample sample = CsvSample.read(head, hints, CsvSample.RECORDS, size > HEAD_BYTES, properties.limits());
            return SampleView.of(job.id(), job.fileName(), sample, KindSpecs.get(job.kind()), options);
        } catch (UnreadableFile e) {
            if (e.code().equals("RECORD_TOO_LONG") || e.code().equals("DECOMPRESSED_TOO_LARGE")) {
                throw new SampleLimitExceeded(e.code(), e.getMessage());
            }
            throw new FileUnreadable(e.code(), e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
