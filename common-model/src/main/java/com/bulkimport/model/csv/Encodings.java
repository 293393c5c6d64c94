package com.bulkimport.model.csv;

import java.nio.charset.Charset;

/** The charsets files are read in, by the names jobs store and users give. */
public final class Encodings {

    /**
     * What a file that is not UTF-8 is read as, unless it holds a byte that Windows-1252 leaves undefined: every
     * byte decodes to one character (nothing lost), and 0x80–0x9F are the characters Windows programs meant.
     */
    public static final Charset WINDOWS_1252 = Windows1252.INSTANCE;

    private Encodings() {
    }

    /**
     * The charset of a name or alias, as {@link Charset#forName}; Windows-1252 under any of its names is the
     * lossless {@link #WINDOWS_1252}, so that a job reads its file the same way on every resume.
     *
     * @throws java.nio.charset.UnsupportedCharsetException for a name the JVM does not know
     */
    public static Charset forName(String name) {
        return lossless(Charset.forName(name));
    }

    /** {@link #WINDOWS_1252} for the JDK's Windows-1252, else the charset itself. */
    public static Charset lossless(Charset charset) {
        return charset.name().equals(WINDOWS_1252.name()) ? WINDOWS_1252 : charset;
    }
}
