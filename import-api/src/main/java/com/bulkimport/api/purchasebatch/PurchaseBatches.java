package com.bulkimport.api.purchasebatch;

import com.bulkimport.api.caller.Caller;
import com.bulkimport.api.importjob.ImportJob;
import com.bulkimport.api.importjob.ImportJobService;
import com.bulkimport.api.importjob.ImportLimits;
import com.bulkimport.api.importjob.InvalidImportRequest;
import com.bulkimport.api.importjob.UploadedImport;
import com.bulkimport.api.storage.UploadStorage;
import com.bulkimport.model.ImportKind;
import com.bulkimport.model.ImportOptions;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Service;
import org.springframework.util.unit.DataSize;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The seed's one-step purchase import: the form's file goes to storage, then the job is created and
 * started in one transaction, with {@code merchant_id} as the merchant of every line that names none
 * ({@code options.defaults.merchant}) and {@code batch_name} as the job's label. A form that is
 * refused, or a job that cannot be written, leaves no object behind.
 */
@Service
class PurchaseBatches {

    /** What the merchant field of a purchase line takes (see the purchases kind spec). */
    static final int MAX_MERCHANT = 200;
    static final int MAX_BATCH_NAME = 200;

    private final ImportJobService jobs;
    private final UploadStorage storage;
    private final ImportLimits limits;

    PurchaseBatches(ImportJobService jobs, UploadStorage storage, ImportLimits limits) {
        this.jobs = jobs;
        this.storage = storage;
        this.limits = limits;
    }

    ImportJob upload(Caller caller, HttpServletRequest request) {
        DataSize maxFile = limits.maxFileSize();
        long declared = request.getContentLengthLong();
        if (declared > maxFile.toBytes() + PurchaseForm.FORM_ALLOWANCE.toBytes()) {
            // refused before a byte is read: the body cannot hold a file within the limit
            throw new UploadTooLarge("the request body is " + declared + " bytes, more than a file within the limit"
                    + " and " + PurchaseForm.FORM_ALLOWANCE.toBytes() + " bytes of form fields", maxFile);
        }
        UUID id = UUID.randomUUID();
        PurchaseForm.Received form = PurchaseForm.read(request, storage, "imports/" + id + "/", maxFile,
                limits.maxFieldLength());
        try {
            String merchant = form.fields().get(PurchaseForm.MERCHANT_ID);
            String label = form.fields().get(PurchaseForm.BATCH_NAME);
            List<String> problems = problems(form, merchant, label);
            if (!problems.isEmpty()) {
                throw new InvalidImportRequest(problems);
            }
            PurchaseForm.StoredFile file = form.file();
            ImportOptions options = ImportOptions.DEFAULT.withDefaults(Map.of("merchant", merchant.strip()));
            return jobs.createStarted(caller, new UploadedImport(id, ImportKind.PURCHASES, file.name(), file.objectKey(),
                    file.object().size(), file.object().sha256(), options,
                    label == null || label.isBlank() ? null : label.strip()));
        } catch (RuntimeException e) {
            PurchaseForm.forget(storage, form.file(), e);
            throw e;
        }
    }

    /** Everything wrong with the form at once. */
    private static List<String> problems(PurchaseForm.Received form, String merchant, String label) {
        List<String> problems = new ArrayList<>(form.problems());
        if (form.file() == null) {
            problems.add("file is required: the CSV as a file part named 'file'");
        } else if (form.file().object().size() == 0) {
            problems.add("file is empty");
        }
        if (merchant == null || merchant.isBlank()) {
            problems.add("merchant_id is required");
        } else if (!printable(merchant, MAX_MERCHANT)) {
            problems.add("merchant_id must be 1 to " + MAX_MERCHANT + " printable characters");
        }
        if (label != null && !printable(label, MAX_BATCH_NAME)) {
            problems.add("batch_name must be at most " + MAX_BATCH_NAME + " printable characters");
        }
        return problems;
    }

    private static boolean printable(String text, int maxLength) {
        String value = text.strip();
        return value.length() <= maxLength && value.codePoints().noneMatch(Character::isISOControl);
    }
}
