package com.bulkimport.api.importjob;

import com.bulkimport.model.JobStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * The tenant's storage quota ({@link ImportLimits#tenantStorageBytes}): the files its jobs declared, until
 * retention removes the jobs with their files. An upload that never came before its URL expired holds nothing.
 */
@Component
class StorageQuota {

    private final JdbcClient jdbc;
    private final ImportLimits limits;

    StorageQuota(JdbcClient jdbc, ImportLimits limits) {
        this.jdbc = jdbc;
        this.limits = limits;
    }

    /**
     * Refuses a file that would take the tenant past its quota. Runs in the transaction that inserts the job:
     * the lock (until it commits) keeps two creates of the tenant from both fitting into the same room.
     */
    void reserve(String tenant, long bytes) {
        DataSize quota = limits.tenantStorageBytes();
        if (quota == null) {
            return;
        }
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('storage-quota:' || :tenant, 0))")
                .param("tenant", tenant).query().singleValue();
        long used = jdbc.sql("""
                        SELECT coalesce(sum(file_size), 0) FROM import_jobs
                        WHERE tenant = :tenant AND NOT (status = :awaiting AND expires_at < now())""")
                .param("tenant", tenant).param("awaiting", JobStatus.AWAITING_UPLOAD.name())
                .query(Long.class).single();
        if (used + bytes > quota.toBytes()) {
            throw new StorageQuotaExceeded(used, bytes, quota);
        }
    }
}
