package com.bulkimport.api.importjob;

import com.bulkimport.model.ImportKind;
import com.bulkimport.model.ImportMode;
import com.bulkimport.model.ImportOptions;
import com.bulkimport.model.Priority;
import com.bulkimport.model.spec.ColumnMapping;
import com.bulkimport.model.spec.DateOrder;
import com.bulkimport.model.spec.InvalidValue;
import com.bulkimport.model.spec.KindSpec;
import com.bulkimport.model.spec.KindSpecs;
import com.bulkimport.model.spec.ParseOptions;
import com.bulkimport.model.spec.ValueParser;
import org.springframework.stereotype.Component;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks a create request and lists every problem, so a client fixes them all in one round. */
@Component
class ImportRequestChecks {

    static final int MIN_BATCH = ImportLimits.MIN_BATCH_SIZE;
    static final int MAX_BATCH = ImportLimits.MAX_BATCH_SIZE;
    private static final Set<String> DELIMITERS = Set.of(",", ";", "|", "TAB", "\t", "\\t");

    private final ImportLimits limits;

    ImportRequestChecks(ImportLimits limits) {
        this.limits = limits;
    }

    /** What the OpenAPI document says of {@code priority}. */
    static final String PRIORITY_DOC = "the lane the import's work travels in: high (admins only; 403 otherwise),"
            + " normal (the default) or low. Whatever the priority, each tenant gets its fair share of the workers";

    record Checked(ImportKind kind, ImportMode mode, String fileName, long contentLength, ImportOptions options,
                   Priority priority) {

        Checked(ImportKind kind, ImportMode mode, String fileName, long contentLength, ImportOptions options) {
            this(kind, mode, fileName, contentLength, options, Priority.NORMAL);
        }

        /** @throws PriorityNotAllowed when the caller may not ask for this priority */
        Checked allowedFor(com.bulkimport.api.caller.Caller caller) {
            if (priority == Priority.HIGH && !caller.admin()) {
                throw new PriorityNotAllowed();
            }
            return this;
        }
    }

    private static Priority priority(String text, List<String> problems) {
        Priority priority = Priority.parse(text).orElse(null);
        if (priority == null) {
            problems.add("priority must be high, normal or low, got '" + text + "'");
        }
        return priority;
    }

    Checked check(CreateImportRequest request) {
        if (request == null) {
            throw new InvalidImportRequest(List.of("the request body is empty"));
        }
        List<String> problems = new ArrayList<>();
        ImportKind kind = ImportKind.fromWireName(request.kind()).filter(KindSpecs::supports).orElse(null);
        if (kind == null) {
            problems.add("kind must be one of " + supportedKinds() + (request.kind() == null ? "" : ", got '"
                    + request.kind() + "'"));
        }
        String fileName = FileNames.sanitize(request.fileName());
        if (fileName == null) {
            problems.add("file_name is required (1 to 255 characters)");
        }
        Long length = request.contentLength();
        if (length == null || length <= 0) {
            problems.add("content_length is required: the file's size in bytes, at least 1");
        }
        ImportMode mode = ImportMode.parse(request.mode()).orElse(null);
        if (mode == null) {
            problems.add("mode must be COMMIT or DRY_RUN, got '" + request.mode() + "'");
        }
        ImportOptions options = request.options() == null ? ImportOptions.DEFAULT : request.options();
        checkOptions(options, kind, problems);
        UploadMode upload = UploadMode.parse(request.uploadMode()).orElse(null);
        if (upload == null) {
            problems.add("upload_mode must be auto, single or multipart, got '" + request.uploadMode() + "'");
        } else if (upload == UploadMode.SINGLE && length != null && length > UploadMode.MAX_SINGLE_PUT) {
            problems.add("upload_mode single takes at most " + UploadMode.MAX_SINGLE_PUT
                    + " bytes (S3's largest single PUT); upload a larger file in parts (multipart)");
        }
        Priority priority = priority(request.priority(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidImportRequest(problems);
        }
        if (length > limits.maxFileSize().toBytes()) {
            throw new FileTooLarge(length, limits.maxFileSize());
        }
        return new Checked(kind, mode, fileName, length, options, priority);
    }

    /** Kind, mode and options of an inline import; every problem is listed. */
    Checked checkInline(String kindName, String modeName, ImportOptions requested, int rows, String priorityName) {
        List<String> problems = new ArrayList<>();
        ImportKind kind = ImportKind.fromWireName(kindName).filter(KindSpecs::supports).orElse(null);
        if (kind == null) {
            problems.add("kind must be one of " + supportedKinds() + (kindName == null ? "" : ", got '" + kindName + "'"));
        }
        ImportMode mode = ImportMode.parse(modeName).orElse(null);
        if (mode == null) {
            problems.add("mode must be COMMIT or DRY_RUN, got '" + modeName + "'");
        }
        if (rows == 0) {
            problems.add("rows must hold at least one row object");
        }
        ImportOptions options = requested == null ? ImportOptions.DEFAULT : requested;
        checkOptions(options, kind, problems);
        Priority priority = priority(priorityName, problems);
        if (!problems.isEmpty()) {
            throw new InvalidImportRequest(problems);
        }
        if (rows > limits.maxInlineRows()) {
            throw new TooManyRows(rows, limits.maxInlineRows());
        }
        return new Checked(kind, mode, "inline.json", 0, options, priority);
    }

    /** Options of a file the API stored itself ({@link UploadedImport}); it is imported for real (COMMIT). */
    Checked checkUploaded(UploadedImport upload) {
        List<String> problems = new ArrayList<>();
        checkOptions(upload.options(), upload.kind(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidImportRequest(problems);
        }
        return new Checked(upload.kind(), ImportMode.COMMIT, upload.fileName(), upload.size(), upload.options());
    }

    /** Mode and options of a job that awaits its start; what the request leaves out is kept from {@code job}. */
    Checked checkUpdate(ImportJob job, UpdateImportRequest request) {
        if (request == null || request.mode() == null && request.options() == null) {
            throw new InvalidImportRequest(List.of("the request body names nothing to change: give mode, options or both"));
        }
        List<String> problems = new ArrayList<>();
        ImportMode mode = request.mode() == null ? job.mode() : ImportMode.parse(request.mode()).orElse(null);
        if (mode == null) {
            problems.add("mode must be COMMIT or DRY_RUN, got '" + request.mode() + "'");
        }
        ImportOptions options = request.options() == null ? ImportOptions.fromJson(job.optionsJson()) : request.options();
        checkOptions(options, job.kind(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidImportRequest(problems);
        }
        return new Checked(job.kind(), mode, job.fileName(), job.fileSize() == null ? 0 : job.fileSize(), options);
    }

    ImportLimits limits() {
        return limits;
    }

    private void checkOptions(ImportOptions options, ImportKind kind, List<String> problems) {
        checkSize("options.column_mapping", options.columnMapping(), problems);
        checkSize("options.defaults", options.defaults(), problems);
        for (String text : new String[] {options.encoding(), options.delimiter(), options.decimalSeparator(),
                options.duplicateTransactions(), options.events(), options.sheet(), options.dateOrder(),
                options.timeZone()}) {
            if (text != null && (text.length() > limits.maxFieldLength() || text.indexOf('\0') >= 0)) {
                problems.add("an option is longer than " + limits.maxFieldLength() + " characters or holds a NUL");
                return;
            }
        }
        Integer batch = options.batchSize();
        if (batch != null && (batch < MIN_BATCH || batch > MAX_BATCH)) {
            problems.add("options.batch_size must be between " + MIN_BATCH + " and " + MAX_BATCH + ", got " + batch);
        }
        if (options.encoding() != null && !supportedCharset(options.encoding())) {
            problems.add("options.encoding '" + options.encoding() + "' is not a known character set"
                    + " (try UTF-8, ISO-8859-1, windows-1252, UTF-16)");
        }
        if (options.delimiter() != null && !DELIMITERS.contains(options.delimiter())) {
            problems.add("options.delimiter must be one of , ; | TAB, got '" + options.delimiter() + "'");
        }
        if (options.sheet() != null && (options.sheet().isBlank() || options.sheet().length() > ImportLimits.MAX_SHEET_NAME)) {
            // Excel's own limit for a sheet name: a longer one names no sheet of any workbook
            problems.add("options.sheet must be a sheet's name (at most " + ImportLimits.MAX_SHEET_NAME
                    + " characters) or its position, got '" + options.sheet() + "'");
        }
        if (options.eventDetail().isEmpty()) {
            problems.add("options.events must be records, summary or none, got '" + options.events() + "'");
        }
        checkNotify(options.notification(), problems);
        if (options.decimalSeparator() != null && !Set.of(".", ",").contains(options.decimalSeparator())) {
            problems.add("options.decimal_separator must be '.' or ',', got '" + options.decimalSeparator() + "'");
        }
        if (options.timeZone() != null && ParseOptions.timeZone(options.timeZone()) == null) {
            problems.add("options.time_zone must be an IANA time zone like America/New_York or an offset like +02:00,"
                    + " got '" + options.timeZone() + "'");
        }
        if (options.dateOrder() != null && DateOrder.parse(options.dateOrder()) == null) {
            problems.add("options.date_order must be MDY (month/day/year) or DMY (day/month/year), got '"
                    + options.dateOrder() + "'");
        }
        if (kind != null) {
            KindSpec spec = KindSpecs.get(kind);
            for (Map.Entry<String, String> entry : options.columnMapping().entrySet()) {
                String field = entry.getValue() == null ? "" : entry.getValue().trim();
                if (!field.isEmpty() && !ColumnMapping.knownTarget(spec, field)) {
                    problems.add("options.column_mapping maps '" + entry.getKey() + "' to unknown field '" + field
                            + "'; fields of " + kind.wireName() + ": " + String.join(", ", spec.templateNames()));
                }
            }
            for (Map.Entry<String, String> entry : options.defaults().entrySet()) {
                var field = spec.field(entry.getKey());
                if (field.isEmpty()) {
                    problems.add("options.defaults names unknown field '" + entry.getKey() + "'");
                    continue;
                }
                try {
                    ValueParser.parse(field.get(), entry.getValue(), ParseOptions.of(options, Map.of()));
                } catch (InvalidValue e) {
                    problems.add("options.defaults." + entry.getKey() + ": " + e.getMessage());
                }
            }
        }
    }

    static void checkNotify(ImportOptions.Notify notify, List<String> problems) {
        if (notify != null) {
            com.bulkimport.api.notification.MailAddresses.check("options.notify.email", notify.email(), problems);
        }
    }

    private void checkSize(String name, Map<String, String> entries, List<String> problems) {
        if (entries.size() > limits.maxColumns()) {
            problems.add(name + " has " + entries.size() + " entries; the limit is " + limits.maxColumns());
        }
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            if (entry.getKey().indexOf('\0') >= 0 || entry.getValue() != null && entry.getValue().indexOf('\0') >= 0) {
                problems.add(name + " holds a NUL character (\\u0000)");
                return;
            }
            if (entry.getKey().length() > limits.maxFieldLength()
                    || entry.getValue() != null && entry.getValue().length() > limits.maxFieldLength()) {
                problems.add(name + " has an entry longer than " + limits.maxFieldLength() + " characters");
                return;
            }
        }
    }

    private static boolean supportedCharset(String name) {
        try {
            return Charset.isSupported(name);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String supportedKinds() {
        return String.join(", ", Arrays.stream(ImportKind.values()).filter(KindSpecs::supports)
                .map(ImportKind::wireName).toList());
    }
}
