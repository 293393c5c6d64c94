package com.bulkimport.api.importjob;

import com.bulkimport.api.problem.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

/** The tenant's files together would pass its storage quota. */
class StorageQuotaExceeded extends ApiProblem {
    StorageQuotaExceeded(long used, long adding, DataSize quota) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, "storage-quota-exceeded", "Storage quota exceeded",
                "your tenant's files take " + used + " bytes; " + adding + " more would pass its quota of "
                        + quota.toBytes() + " bytes (" + quota + "); old jobs leave with retention");
    }
}
