package com.bulkimport.model;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to read one file, chosen by the user when the job is created and stored with it as jsonb
 * (snake_case). Null means "detect" or "use the default".
 *
 * @param columnMapping    CSV header to field; an empty target ignores the column
 * @param batchSize        rows per batch (100..10,000), else the service default ({@link #DEFAULT_BATCH_SIZE} unless
 *                         {@code bulkimport.ingest.batch-size} says otherwise)
 * @param encoding         a Java charset name that overrides detection (a byte order mark still wins)
 * @param delimiter        one of {@code , ; | TAB}, overriding detection
 * @param decimalSeparator {@code .} (default) or {@code ,}
 * @param defaults         field to value for rows that leave the field empty, e.g. one merchant for a whole file
 * @param atomic           all or nothing: any refused row fails the whole job and nothing is written
 *                         (default: true for purchases, false otherwise)
 * @param duplicateTransactions purchases already imported: {@code skip} (default, counted) or {@code fail}
 * @param events           what the import announces: {@code records} (default: an event per created or
 *                         updated record), {@code summary} (one per batch) or {@code none}
 * @param notification     {@code notify} on the wire: who hears of the job's end by mail ({@code {"email": [...]}}); null: the owner's default
 *                         addresses, if they set any; an empty list: nobody
 * @param sheet            for an .xlsx workbook: the sheet to import, by name (any case) or 1-based position;
 *                         null: the first visible sheet. Ignored for a CSV
 * @param dateOrder        {@code MDY} or {@code DMY}: how dates written with the year last ({@code 12/1/2010}) are
 *                         read; null: such dates are row errors that say so, unless written with dots (day first)
 * @param timeZone         an IANA time zone ({@code America/New_York}) or an offset ({@code +02:00}) for the file's
 *                         date-times that name none; null: they are UTC
 */
public record ImportOptions(Map<String, String> columnMapping, Integer batchSize, String encoding, String delimiter,
                            String decimalSeparator, Map<String, String> defaults, Boolean atomic,
                            String duplicateTransactions, String events,
                            @com.fasterxml.jackson.annotation.JsonProperty("notify") Notify notification,
                            String sheet, String dateOrder, String timeZone) {

    /**
     * Rows per batch when neither the job nor {@code bulkimport.ingest.batch-size} (BATCH_SIZE) names a number. Each
     * batch travels as a message (outbox, relay, queue) and is applied by one statement with its own claim and
     * bookkeeping: about 50 ms of processor time in all (PostgreSQL, the worker, the relay, the queue) whatever its
     * size. At 1,000 rows a batch that was over a quarter of a large import's processor time (bench/import-throughput,
     * 1M rows: 41 CPU-s less at 5,000). A batch of 5,000 still applies in well under a second, so a job's progress,
     * a pause and another tenant's turn are never held long; at 10,000 the apply's progress came in steps too coarse
     * for a steady ETA.
     */
    public static final int DEFAULT_BATCH_SIZE = 5_000;

    public static final ImportOptions DEFAULT = new ImportOptions(Map.of(), null, null, null, null, Map.of(), null, null,
            null);

    /** Options without {@code time_zone} (every caller before it existed). */
    public ImportOptions(Map<String, String> columnMapping, Integer batchSize, String encoding, String delimiter,
                         String decimalSeparator, Map<String, String> defaults, Boolean atomic,
                         String duplicateTransactions, String events, Notify notification, String sheet,
                         String dateOrder) {
        this(columnMapping, batchSize, encoding, delimiter, decimalSeparator, defaults, atomic, duplicateTransactions,
                events, notification, sheet, dateOrder, null);
    }

    /** Options without {@code date_order} (every caller before it existed). */
    public ImportOptions(Map<String, String> columnMapping, Integer batchSize, String encoding, String delimiter,
                         String decimalSeparator, Map<String, String> defaults, Boolean atomic,
                         String duplicateTransactions, String events, Notify notification, String sheet) {
        this(columnMapping, batchSize, encoding, delimiter, decimalSeparator, defaults, atomic, duplicateTransactions,
                events, notification, sheet, null);
    }

    /** Options without {@code sheet} (every caller before workbooks were read). */
    public ImportOptions(Map<String, String> columnMapping, Integer batchSize, String encoding, String delimiter,
                         String decimalSeparator, Map<String, String> defaults, Boolean atomic,
                         String duplicateTransactions, String events, Notify notification) {
        this(columnMapping, batchSize, encoding, delimiter, decimalSeparator, defaults, atomic, duplicateTransactions,
                events, notification, null);
    }

    /** The options' {@code notify}: the mail addresses told of the job's end (the trigger of V12 reads them). */
    public record Notify(java.util.List<String> email) {
        public Notify {
            email = email == null ? java.util.List.of() : java.util.List.copyOf(email);
        }
    }

    /** Options without {@code notify} (every caller before it existed). */
    public ImportOptions(Map<String, String> columnMapping, Integer batchSize, String encoding, String delimiter,
                         String decimalSeparator, Map<String, String> defaults, Boolean atomic,
                         String duplicateTransactions, String events) {
        this(columnMapping, batchSize, encoding, delimiter, decimalSeparator, defaults, atomic, duplicateTransactions,
                events, null);
    }

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public ImportOptions {
        columnMapping = columnMapping == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columnMapping));
        defaults = defaults == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
    }

    /** These options with {@code defaults} for empty cells and missing columns. */
    public ImportOptions withDefaults(Map<String, String> defaults) {
        return new ImportOptions(columnMapping, batchSize, encoding, delimiter, decimalSeparator, defaults, atomic,
                duplicateTransactions, events, notification, sheet, dateOrder, timeZone);
    }

    /** These options with {@code columnMapping} (a saved mapping applied by name). */
    public ImportOptions withColumnMapping(Map<String, String> columnMapping) {
        return new ImportOptions(columnMapping, batchSize, encoding, delimiter, decimalSeparator, defaults, atomic,
                duplicateTransactions, events, notification, sheet, dateOrder, timeZone);
    }

    /** These options with {@code batchSize} (rows per batch). */
    public ImportOptions withBatchSize(Integer batchSize) {
        return new ImportOptions(columnMapping, batchSize, encoding, delimiter, decimalSeparator, defaults, atomic,
                duplicateTransactions, events, notification, sheet, dateOrder, timeZone);
    }

    /** These options with {@code notify} (mail at the job's end). */
    public ImportOptions withNotification(Notify notify) {
        return new ImportOptions(columnMapping, batchSize, encoding, delimiter, decimalSeparator, defaults, atomic,
                duplicateTransactions, events, notify, sheet, dateOrder, timeZone);
    }

    public String toJson() {
        return MAPPER.writeValueAsString(this);
    }

    public static ImportOptions fromJson(String json) {
        if (json == null || json.isBlank()) {
            return DEFAULT;
        }
        return MAPPER.readValue(json, ImportOptions.class);
    }

    /** The delimiter as a character, or null to detect. */
    public Character delimiterChar() {
        if (delimiter == null || delimiter.isEmpty()) {
            return null;
        }
        return "TAB".equalsIgnoreCase(delimiter) || "\\t".equals(delimiter) ? '\t' : delimiter.charAt(0);
    }

    /** Whether a job of this kind is all or nothing, by its option or the kind's default. */
    public boolean atomicFor(ImportKind kind) {
        return atomic != null ? atomic : kind == ImportKind.PURCHASES;
    }

    public boolean failOnDuplicateTransactions() {
        return "fail".equalsIgnoreCase(duplicateTransactions);
    }

    /** @return the detail of the import's events, or empty when {@code events} names none of them */
    public java.util.Optional<EventDetail> eventDetail() {
        return EventDetail.parse(events);
    }

    public boolean decimalComma() {
        return ",".equals(decimalSeparator);
    }
}
