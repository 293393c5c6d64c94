package com.bulkimport.api.importjob;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * What one request may carry; each limit answers with its own problem detail (400 or 413).
 *
 * @param maxFileSize       largest file a job may declare (413 {@code file-too-large})
 * @param pageSizeMax       largest page a list endpoint returns (400)
 * @param errorPageSizeMax  largest page of a job's row errors (400)
 * @param maxInlineRows     most rows one inline import ({@code POST /api/imports/rows}) may carry (413 {@code too-many-rows})
 * @param maxFieldLength    longest value of an inline row's field, a mapping, a default (400)
 * @param maxColumns        most distinct fields of an inline import, entries of a column mapping or defaults (400)
 * @param maxJsonBody       largest request body (413 {@code body-too-large})
 * @param tenantStorageBytes most bytes of files a tenant's jobs may declare together, not counting uploads that
 *                          never came before their URL expired (422 {@code storage-quota-exceeded}); none: no quota
 */
@ConfigurationProperties("bulkimport.limits")
public record ImportLimits(DataSize maxFileSize, int pageSizeMax, int errorPageSizeMax, int maxInlineRows,
                           int maxFieldLength, int maxColumns, DataSize maxJsonBody, DataSize tenantStorageBytes) {

    /** The longest sheet name Excel allows: the longest {@code options.sheet} a request may name. */
    public static final int MAX_SHEET_NAME = 31;

    /** An import's {@code options.batch_size}: fixed, not configured (ImportRequestChecks holds a request to it). */
    public static final int MIN_BATCH_SIZE = 100;
    public static final int MAX_BATCH_SIZE = 10_000;

    public ImportLimits {
        errorPageSizeMax = errorPageSizeMax <= 0 ? 1_000 : errorPageSizeMax;
        maxFieldLength = maxFieldLength <= 0 ? 10_000 : maxFieldLength;
        maxColumns = maxColumns <= 0 ? 500 : maxColumns;
        maxJsonBody = maxJsonBody == null ? DataSize.ofMegabytes(32) : maxJsonBody;
    }
}
