package com.bulkimport.model.xlsx;

import com.bulkimport.model.csv.UnreadableFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * An OLE2 upload is refused with the reason the user can act on: Excel saves a workbook with a password
 * as an OLE2 container around the encrypted package (its directory names the stream
 * {@code EncryptedPackage}); any other OLE2 file is a legacy .xls (or Word, ...), which is not read.
 */
public final class Ole2Refusal {

    /** The directory is at most a few sectors; past this the file is called an .xls without looking further. */
    static final long SCAN_LIMIT = 64L << 20;
    private static final byte[] ENCRYPTED = "EncryptedPackage".getBytes(StandardCharsets.UTF_16LE);

    private Ole2Refusal() {
    }

    /** @return the refusal for this OLE2 file, reading at most {@link #SCAN_LIMIT} bytes of it */
    public static UnreadableFile of(InputStream in) throws IOException {
        if (contains(in, ENCRYPTED, SCAN_LIMIT)) {
            return new UnreadableFile("WORKBOOK_ENCRYPTED", "the workbook is protected with a password;"
                    + " open it in Excel, remove the password (File > Info > Protect Workbook) and upload it again");
        }
        return new UnreadableFile("XLS_NOT_SUPPORTED", "the file is an Excel 97-2003 workbook (.xls) or another"
                + " OLE2 document; save it as .xlsx (Excel Workbook) or CSV and upload it again");
    }

    private static boolean contains(InputStream in, byte[] needle, long limit) throws IOException {
        byte[] buffer = new byte[64 * 1024 + needle.length];
        int carried = 0;
        long read = 0;
        while (read < limit) {
            int n = in.read(buffer, carried, buffer.length - carried);
            if (n < 0) {
                return false;
            }
            read += n;
            int end = carried + n;
            if (indexOf(buffer, end, needle) >= 0) {
                return true;
            }
            // keep the tail: the name may straddle two reads
            carried = Math.min(needle.length - 1, end);
            System.arraycopy(buffer, end - carried, buffer, 0, carried);
        }
        return false;
    }

    private static int indexOf(byte[] haystack, int length, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
