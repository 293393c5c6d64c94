package com.bulkimport.model.xlsx;

import java.io.BufferedInputStream;
import java.io.IOException;

/**
 * What an upload is, told by its first bytes rather than its name (an .xlsx renamed .csv is still a
 * workbook, and a CSV called .xlsx is still text).
 */
public enum FileKind {
    /** A ZIP archive: an .xlsx workbook (Office Open XML), or a ZIP that is not one, which reading then says. */
    ZIP,
    /** An OLE2 compound file: a password-protected workbook or an Excel 97-2003 .xls. */
    OLE2,
    /** Anything else: read as CSV text (gzip included). */
    TEXT;

    /** Enough bytes to tell them apart. */
    public static final int MAGIC_BYTES = 8;

    private static final byte[] ZIP_MAGIC = {0x50, 0x4b, 0x03, 0x04};
    private static final byte[] OLE2_MAGIC = {(byte) 0xd0, (byte) 0xcf, 0x11, (byte) 0xe0, (byte) 0xa1, (byte) 0xb1,
            0x1a, (byte) 0xe1};

    public static FileKind of(byte[] head, int length) {
        if (startsWith(head, length, ZIP_MAGIC)) {
            return ZIP;
        }
        if (startsWith(head, length, OLE2_MAGIC)) {
            return OLE2;
        }
        return TEXT;
    }

    /** Looks at the stream's first bytes and leaves them to be read again. */
    public static FileKind peek(BufferedInputStream in) throws IOException {
        in.mark(MAGIC_BYTES);
        byte[] head = new byte[MAGIC_BYTES];
        int length = in.readNBytes(head, 0, MAGIC_BYTES);
        in.reset();
        return of(head, length);
    }

    private static boolean startsWith(byte[] head, int length, byte[] magic) {
        if (length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
