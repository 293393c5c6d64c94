package com.bulkimport.model.csv;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Guesses encoding, delimiter and line ending from the first bytes of a file.
 * Encoding: a byte order mark decides (UTF-8, UTF-16LE/BE); else valid UTF-8 is UTF-8; else, with classic Mac line
 * endings (CR alone), Mac OS Roman, as Excel for Mac saves "CSV (Macintosh)"; else Windows-1252, as Excel and
 * Windows programs save a CSV, unless the first bytes hold one that Windows-1252 leaves undefined: then ISO-8859-1.
 * Each maps every byte to one character, so nothing is lost or double-encoded.
 */
public final class CsvSniffer {

    static final char[] DELIMITERS = {',', ';', '\t', '|'};
    /** Excel for Mac's "CSV (Macintosh)": Mac OS Roman with CR line endings; every byte is a character. */
    private static final java.nio.charset.Charset MAC_ROMAN = java.nio.charset.Charset.forName("x-MacRoman");
    private static final int SNIFF_RECORDS = 50;

    private CsvSniffer() {
    }

    /**
     * @param head     the first bytes of the (decompressed) file
     * @param complete whether {@code head} is the whole file
     */
    public static CsvFormat sniff(byte[] head, int length, boolean complete, boolean gzip, CsvHints hints) {
        int bom = 0;
        java.nio.charset.Charset charset;
        String reason;
        if (startsWith(head, length, 0xEF, 0xBB, 0xBF)) {
            charset = StandardCharsets.UTF_8;
            bom = 3;
            reason = "byte order mark";
        } else if (startsWith(head, length, 0xFF, 0xFE)) {
            charset = StandardCharsets.UTF_16LE;
            bom = 2;
            reason = "byte order mark";
        } else if (startsWith(head, length, 0xFE, 0xFF)) {
            charset = StandardCharsets.UTF_16BE;
            bom = 2;
            reason = "byte order mark";
        } else if (hints.charset() != null) {
            charset = hints.charset();
            reason = "given";
        } else if ((charset = utf16WithoutBom(head, length)) != null) {
            reason = "UTF-16 without a byte order mark (every other byte zero)";
        } else if (validUtf8(head, length, complete)) {
            charset = StandardCharsets.UTF_8;
            reason = "valid UTF-8";
        } else if (lineEnding(new String(head, 0, Math.min(length, 64 * 1024), StandardCharsets.ISO_8859_1))
                .equals("CR")) {
            charset = MAC_ROMAN;
            reason = "not valid UTF-8, with classic Mac line endings (CR): read as x-MacRoman, as Excel for Mac saves"
                    + " \"CSV (Macintosh)\" (every byte kept)";
        } else {
            int undefined = firstUndefinedIn1252(head, length);
            if (undefined < 0) {
                charset = Encodings.WINDOWS_1252;
                reason = "not valid UTF-8; read as windows-1252, as Windows programs save text (every byte kept)";
            } else {
                charset = StandardCharsets.ISO_8859_1;
                reason = "not valid UTF-8, nor windows-1252 (byte 0x%02X at offset %d is no character there); read as ISO-8859-1 (every byte kept as is)"
                        .formatted(head[undefined] & 0xFF, undefined);
            }
        }
        if (hints.charset() != null && bom == 0) {
            charset = hints.charset();
            reason = "given";
        }
        String text = new String(head, bom, Math.max(0, length - bom), charset);
        if (length - bom == 0 || text.isBlank()) {
            throw new UnreadableFile("EMPTY_FILE", "the file is empty");
        }
        if (looksBinary(text)) {
            throw new UnreadableFile("NOT_TEXT", "the file is not CSV text (it looks like binary data"
                    + (gzip ? "" : ", or an archive other than gzip") + ")");
        }
        Character declared = separatorLine(text);
        char delimiter = hints.delimiter() != null ? hints.delimiter()
                : declared != null ? declared : detectDelimiter(text);
        return new CsvFormat(charset, reason, bom, delimiter, lineEnding(text), gzip);
    }

    private static boolean startsWith(byte[] head, int length, int... prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((head[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * UTF-16 saved without a byte order mark (some Windows tools and database exports do): a text of mostly ASCII
     * characters, as a CSV's delimiters, digits and header are, has a zero in every other byte, the high byte of each
     * code unit; little-endian puts it second, big-endian first. Valid UTF-8 or ISO-8859-1 text holds no zero bytes at
     * all. Read as either, such a file was refused as binary ({@code NOT_TEXT}).
     *
     * @return the UTF-16 charset the first bytes show, or null
     */
    static java.nio.charset.Charset utf16WithoutBom(byte[] head, int length) {
        int pairs = Math.min(length, 8192) / 2;
        if (pairs < 2) {
            return null;
        }
        int zeroFirst = 0;
        int zeroSecond = 0;
        for (int i = 0; i < pairs; i++) {
            zeroFirst += head[2 * i] == 0 ? 1 : 0;
            zeroSecond += head[2 * i + 1] == 0 ? 1 : 0;
        }
        if (zeroSecond * 10 >= pairs * 4 && zeroFirst * 20 <= pairs) {
            return StandardCharsets.UTF_16LE;
        }
        if (zeroFirst * 10 >= pairs * 4 && zeroSecond * 20 <= pairs) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    /** @return the offset of the first byte Windows-1252 leaves undefined, or -1 */
    static int firstUndefinedIn1252(byte[] head, int length) {
        for (int i = 0; i < length; i++) {
            if (Windows1252.undefined(head[i] & 0xFF)) {
                return i;
            }
        }
        return -1;
    }

    static boolean validUtf8(byte[] head, int length, boolean complete) {
        int end = complete ? length : trimIncompleteTail(head, length);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            decoder.decode(ByteBuffer.wrap(head, 0, end));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** A sample cut mid-character must not count as invalid: drop a trailing partial sequence. */
    private static int trimIncompleteTail(byte[] head, int length) {
        int i = length - 1;
        int continuation = 0;
        while (i >= 0 && continuation < 3 && (head[i] & 0xC0) == 0x80) {
            i--;
            continuation++;
        }
        if (i < 0) {
            return length;
        }
        int lead = head[i] & 0xFF;
        int needed = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
        return needed > continuation ? i : length;
    }

    private static boolean looksBinary(String text) {
        int sample = Math.min(text.length(), 8192);
        int control = 0;
        for (int i = 0; i < sample; i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
                control++;
            }
        }
        return control > Math.max(8, sample / 50);
    }

    private static String lineEnding(String text) {
        int lf = text.indexOf('\n');
        int cr = text.indexOf('\r');
        if (cr >= 0 && (lf < 0 || cr < lf)) {
            return cr + 1 < text.length() && text.charAt(cr + 1) == '\n' ? "CRLF" : "CR";
        }
        return "LF";
    }

    /**
     * The delimiter Excel's first line {@code sep=X} declares (any case, alone on its line), or null. Excel writes it
     * into a CSV meant for a locale whose delimiter differs, and reads the file by it; so does this reader, and the
     * line is no record ({@link CsvInput#isSeparatorLine}).
     */
    static Character separatorLine(String text) {
        if (text.length() < 5 || !text.regionMatches(true, 0, "sep=", 0, 4)) {
            return null;
        }
        char declared = text.charAt(4);
        boolean alone = text.length() == 5 || text.charAt(5) == '\n' || text.charAt(5) == '\r';
        return alone && declared != '"' && declared != '\n' && declared != '\r' ? declared : null;
    }

    /**
     * The candidate that splits the sampled records into the same number (> 1) of fields most often;
     * ties go to the earlier candidate in {@link #DELIMITERS}. A one-column file gets ','.
     */
    static char detectDelimiter(String text) {
        char best = ',';
        int bestScore = 0;
        for (char candidate : DELIMITERS) {
            int score = consistency(text, candidate);
            if (score > bestScore) {
                best = candidate;
                bestScore = score;
            }
        }
        return best;
    }

    private static int consistency(String text, char delimiter) {
        Map<Integer, Integer> widths = new HashMap<>();
        int records = 0;
        try (CsvReader<CsvRecord> reader = CsvReader.builder().fieldSeparator(delimiter).allowUnclosedQuote(true)
                .allowExtraFields(true).allowMissingFields(true).allowExtraCharsAfterClosingQuote(true)
                .skipEmptyLines(true).ofCsvRecord(text)) {
            Iterator<CsvRecord> it = reader.iterator();
            while (it.hasNext() && records < SNIFF_RECORDS) {
                widths.merge(it.next().getFieldCount(), 1, Integer::sum);
                records++;
            }
        } catch (RuntimeException | java.io.IOException e) {
            return 0;
        }
        int score = 0;
        for (Map.Entry<Integer, Integer> entry : widths.entrySet()) {
            if (entry.getKey() > 1) {
                score = Math.max(score, entry.getValue() * 1000 + entry.getKey());
            }
        }
        return score;
    }
}
