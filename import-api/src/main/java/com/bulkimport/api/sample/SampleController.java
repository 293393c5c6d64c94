package com.bulkimport.api.sample;

import com.bulkimport.api.caller.Caller;
import com.bulkimport.api.caller.CurrentCaller;
import com.bulkimport.api.importjob.ImportJob;
import com.bulkimport.api.importjob.ImportJobService;
import com.bulkimport.api.importjob.UploadMissing;
import com.bulkimport.api.mapping.Mappings;
import com.bulkimport.api.mapping.SavedMapping;
import com.bulkimport.api.ratelimit.RateLimits;
import com.bulkimport.api.storage.UploadStorage;
import com.bulkimport.model.ImportOptions;
import com.bulkimport.model.csv.CsvHints;
import com.bulkimport.model.csv.CsvSample;
import com.bulkimport.model.csv.EncodingMismatch;
import com.bulkimport.model.csv.Encodings;
import com.bulkimport.model.csv.UnreadableFile;
import com.bulkimport.model.spec.KindSpecs;
import com.bulkimport.model.xlsx.FileKind;
import com.bulkimport.model.xlsx.Ole2Refusal;
import com.bulkimport.model.xlsx.XlsxSample;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.UUID;

/**
 * {@code GET /api/imports/{id}/sample}: what the uploaded file looks like before it is imported:
 * detected format, the header, the first records exactly as parsed, and the suggested mapping.
 * Reads only the head of a CSV (a ranged GET), whatever its size; a workbook whole (see {@link #workbook}).
 */
@RestController
@Tag(name = "imports")
class SampleController {

    /**
     * What no option (encoding, delimiter, sheet) can cure: the job is failed with the reason at once. The
     * rest (BAD_ENCODING, MALFORMED_CSV, SHEET_NOT_FOUND...) only answer 422, as another option may read it.
     */
    static final Set<String> CSV_NEVER_READABLE = Set.of("EMPTY_FILE", "NOT_TEXT", "BAD_GZIP");
    static final Set<String> WORKBOOK_NEVER_READABLE = Set.of("BAD_XLSX", "NO_SHEETS", "WORKBOOK_ENCRYPTED",
            "XLS_NOT_SUPPORTED");

    /** Enough for sniffing and twenty records of all but absurdly wide files. */
    static final long HEAD_BYTES = 2L << 20;

    private final ImportJobService jobs;
    private final UploadStorage storage;
    private final CurrentCaller caller;
    private final SampleProperties properties;

    private final RateLimits rateLimits;
    private final Mappings mappings;

    SampleController(ImportJobService jobs, UploadStorage storage, CurrentCaller caller, SampleProperties properties,
                     RateLimits rateLimits, Mappings mappings) {
        this.rateLimits = rateLimits;
        this.mappings = mappings;
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
        FileKind kind = kindOf(job);
        if (kind != FileKind.TEXT) {
            return workbook(job, kind, options);
        }
        CsvHints hints = new CsvHints(options.encoding() == null ? null : Encodings.forName(options.encoding()),
                options.delimiterChar());
        try (InputStream head = storage.openHead(job.objectKey(), HEAD_BYTES)
                .orElseThrow(() -> new UploadMissing(job.fileName()))) {
            CsvSample sample = CsvSample.read(head, hints, CsvSample.RECORDS, size > HEAD_BYTES, properties.limits());
            return SampleView.of(job.id(), job.fileName(), sample, KindSpecs.get(job.kind()), options,
                    saved(job, sample.header()));
        } catch (UnreadableFile e) {
            if (e.code().equals("RECORD_TOO_LONG") || e.code().equals("DECOMPRESSED_TOO_LARGE")) {
                throw new SampleLimitExceeded(e.code(), e.getMessage());
            }
            throw unreadable(job, e, CSV_NEVER_READABLE);
        } catch (EncodingMismatch e) {
            // UTF-8 given (or detected in the head) but not what the sample read: another encoding may read it
            throw new FileUnreadable("BAD_ENCODING", "the file is not valid UTF-8 (" + e.getMessage() + ")"
                    + "; choose another encoding (windows-1252 reads every byte)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The job's tenant's remembered (else named) mapping of this header, proposed when the job has none. */
    private SavedMapping saved(ImportJob job, java.util.List<String> header) {
        return mappings.proposalFor(job.tenant(), job.kind(), header).orElse(null);
    }

    private FileUnreadable unreadable(ImportJob job, UnreadableFile e, Set<String> neverReadable) {
        if (neverReadable.contains(e.code())) {
            jobs.failUnreadable(job, e.code(), e.getMessage());
        }
        return new FileUnreadable(e.code(), e.getMessage());
    }

    /** By content, not by name: the object's first bytes. */
    private FileKind kindOf(ImportJob job) {
        try (InputStream magic = storage.openHead(job.objectKey(), FileKind.MAGIC_BYTES)
                .orElseThrow(() -> new UploadMissing(job.fileName()))) {
            byte[] head = magic.readNBytes(FileKind.MAGIC_BYTES);
            return FileKind.of(head, head.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A workbook is sampled from a temporary copy of the whole object (its ZIP directory is at the end),
     * deleted before the answer goes out; a password-protected one or an .xls is refused by its reason.
     */
    private SampleView workbook(ImportJob job, FileKind kind, ImportOptions options) {
        Path copy = null;
        try (InputStream whole = storage.openWhole(job.objectKey()).orElseThrow(() -> new UploadMissing(job.fileName()))) {
            if (kind == FileKind.OLE2) {
                throw Ole2Refusal.of(whole);
            }
            copy = Files.createTempFile("bulkimport-sample-", ".xlsx");
            Files.copy(whole, copy, StandardCopyOption.REPLACE_EXISTING);
            XlsxSample sample = XlsxSample.read(copy, options.sheet(), CsvSample.RECORDS);
            return SampleView.of(job.id(), job.fileName(), sample, KindSpecs.get(job.kind()), options,
                    saved(job, sample.sample().header()));
        } catch (UnreadableFile e) {
            throw unreadable(job, e, WORKBOOK_NEVER_READABLE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (copy != null) {
                try {
                    Files.deleteIfExists(copy);
                } catch (IOException ignored) {
                    // the temporary directory's own cleanup has it
                }
            }
        }
    }
}
