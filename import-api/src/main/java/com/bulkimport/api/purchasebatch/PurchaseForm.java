package com.bulkimport.api.purchasebatch;

import com.bulkimport.api.security.SizeCap;
import com.bulkimport.api.importjob.FileNames;
import com.bulkimport.api.storage.StreamedObject;
import com.bulkimport.api.storage.UploadStorage;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.fileupload.FileItemIterator;
import org.apache.tomcat.util.http.fileupload.FileItemStream;
import org.apache.tomcat.util.http.fileupload.FileUpload;
import org.apache.tomcat.util.http.fileupload.FileUploadException;
import org.apache.tomcat.util.http.fileupload.impl.SizeException;
import org.apache.tomcat.util.http.fileupload.servlet.ServletRequestContext;
import org.springframework.util.unit.DataSize;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The seed's upload form ({@code file}, {@code merchant_id}, {@code batch_name}) read as it arrives:
 * the file part goes straight through to storage while the body is still coming in, so a file of
 * gigabytes costs one upload part of memory and no disk. Spring's multipart support would have
 * buffered every part first (it is off in this service), so the body is read with the streaming
 * parser of commons-fileupload that Tomcat ships; the fields may come before or after the file.
 *
 * <p>Problems with the fields are collected, not thrown, so the caller can name all of them; a body
 * that is not multipart at all, or breaks off, is a {@link MalformedUpload}, and a file stored before
 * that is deleted again. A form read to its end but refused by the caller is the caller's to clean
 * up ({@link Received#file()} says where the file is). A part without a name is skipped by the
 * parser itself, as RFC 7578 leaves it no meaning; every named part is accounted for.
 */
final class PurchaseForm {

    static final String FILE = "file";
    static final String MERCHANT_ID = "merchant_id";
    static final String BATCH_NAME = "batch_name";
    private static final Set<String> TEXT_FIELDS = Set.of(MERCHANT_ID, BATCH_NAME);
    /** The three fields, and room for a client that repeats one, which is named as a problem. */
    private static final int MAX_PARTS = 10;
    private static final String DEFAULT_FILE_NAME = "purchases.csv";
    /** Room for the text fields and the multipart framing beside the file itself. */
    static final DataSize FORM_ALLOWANCE = DataSize.ofMegabytes(1);

    private PurchaseForm() {
    }

    /** The file as stored: its sanitized name, its object key and what was written. */
    record StoredFile(String name, String objectKey, StreamedObject object) {
    }

    /** @param file null when the form had no file part (or it was refused before it was stored) */
    record Received(Map<String, String> fields, StoredFile file, List<String> problems) {
    }

    /**
     * @param keyPrefix    object key of the file without its name ({@code imports/<job id>/})
     * @param maxFileSize  the file part's limit (413 past it)
     * @param maxFieldSize longest text field, in characters
     */
    static Received read(HttpServletRequest request, UploadStorage storage, String keyPrefix, DataSize maxFileSize,
                         int maxFieldSize) {
        Map<String, String> fields = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        StoredFile file = null;
        try {
            FileUpload upload = new FileUpload();
            // the whole body too, for bodies that declare no length: a text part is read through, not kept
            upload.setSizeMax(maxFileSize.toBytes() + FORM_ALLOWANCE.toBytes());
            FileItemIterator parts = upload.getItemIterator(new ServletRequestContext(request));
            for (int count = 1; parts.hasNext(); count++) {
                FileItemStream part = parts.next();
                String name = part.getFieldName();
                if (count > MAX_PARTS) {
                    problems.add("the form has more than " + MAX_PARTS + " parts; it takes file, merchant_id and"
                            + " batch_name");
                    break;
                }
                if (FILE.equals(name) && !part.isFormField()) {
                    if (file != null) {
                        problems.add("the form has more than one file part; send one CSV file as 'file'");
                        continue;
                    }
                    String fileName = FileNames.sanitize(part.getName());
                    String key = keyPrefix + (fileName == null ? DEFAULT_FILE_NAME : fileName);
                    try (InputStream content = new SizeCap(part.openStream(), maxFileSize.toBytes(),
                            () -> new UploadTooLarge("the file has more than " + maxFileSize.toBytes() + " bytes", maxFileSize))) {
                        file = new StoredFile(fileName == null ? DEFAULT_FILE_NAME : fileName, key,
                                storage.store(key, content));
                    }
                } else if (name != null && TEXT_FIELDS.contains(name) && part.isFormField()) {
                    String value = text(part, maxFieldSize);
                    if (value == null) {
                        problems.add(name + " is longer than " + maxFieldSize + " characters");
                    } else if (fields.putIfAbsent(name, value) != null) {
                        problems.add(name + " is given more than once");
                    }
                } else {
                    problems.add("unknown form field '" + clip(name) + "'" + (FILE.equals(name)
                            ? " (file must be a file part, with a filename)" : "")
                            + "; the form takes file, merchant_id and batch_name");
                }
            }
        } catch (IOException | UncheckedIOException e) {
            forget(storage, file, null);
            throw refusal(e, maxFileSize);
        } catch (RuntimeException e) {
            forget(storage, file, e);
            throw e;
        }
        return new Received(fields, file, problems);
    }

    /** Why a body that could not be read to its end is refused. */
    private static RuntimeException refusal(Exception e, DataSize maxFileSize) {
        long maxBody = maxFileSize.toBytes() + FORM_ALLOWANCE.toBytes();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SizeException size) {
                // the parser's one other size limit is on a part's headers: a malformed part, not a large file
                return size.getPermittedSize() == maxBody
                        ? new UploadTooLarge("the request body has more than a file within the limit and "
                                + FORM_ALLOWANCE.toBytes() + " bytes of form fields", maxFileSize)
                        : new MalformedUpload("a part's headers are longer than " + size.getPermittedSize() + " bytes");
            }
        }
        return e instanceof FileUploadException
                ? new MalformedUpload("the body is not multipart/form-data with a boundary")
                : new MalformedUpload("the multipart body is cut off or malformed");
    }

    /** Deletes a file stored before the form turned out unreadable: no job will ever read it. */
    static void forget(UploadStorage storage, StoredFile file, RuntimeException cause) {
        if (file == null) {
            return;
        }
        try {
            storage.delete(file.objectKey());
        } catch (RuntimeException e) {
            if (cause != null) {
                cause.addSuppressed(e);
            }
        }
    }

    /** A text field as UTF-8, or null when it is longer than {@code maxChars}. */
    private static String text(FileItemStream part, int maxChars) throws IOException {
        try (InputStream in = part.openStream()) {
            // a UTF-8 character has at most four bytes: one more than that many bytes is too long for sure
            byte[] bytes = in.readNBytes(maxChars * 4 + 1);
            if (bytes.length > maxChars * 4) {
                return null;
            }
            String value = new String(bytes, StandardCharsets.UTF_8);
            return value.length() > maxChars ? null : value;
        }
    }

    private static String clip(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
