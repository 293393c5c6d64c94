package com.bulkimport.model.xlsx;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Excel's "Strict Open XML Spreadsheet" (ISO/IEC 29500 Strict) is the ordinary package under other namespaces:
 * {@code http://purl.oclc.org/ooxml/...} where an ordinary (Transitional) workbook has
 * {@code http://schemas.openxmlformats.org/...}. fastexcel (like POI) knows only the latter, and fails on a Strict
 * workbook's first sheet ("missing an entry in workbook rels"). A Strict workbook is read from a copy whose XML parts
 * name the Transitional namespaces instead, streamed part by part (a sheet is never held whole). So is any workbook
 * whose sheet holds a date as ISO 8601 text (a cell of type {@code d}: Strict workbooks, and some writers of ordinary
 * ones, SheetJS's {@code cellDates} among them), which fastexcel refuses ("Unknown cell type : d"). And so is a
 * workbook whose content types do not declare its styles or shared strings, or that has no styles part
 * ({@link PackageParts}): the copy declares them, and adds an empty styles part.
 */
final class StrictPackage {

    private static final String STRICT = "http://purl.oclc.org/ooxml/";

    /** Strict namespace → Transitional namespace, for every vocabulary a workbook's parts use. */
    private static final Map<String, String> NAMESPACES = new LinkedHashMap<>();

    static {
        NAMESPACES.put(STRICT + "spreadsheetml/main", "http://schemas.openxmlformats.org/spreadsheetml/2006/main");
        // the r: attributes' namespace and, with a suffix, every relationship type (worksheet, styles, ...)
        NAMESPACES.put(STRICT + "officeDocument/relationships",
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
        NAMESPACES.put(STRICT + "officeDocument/sharedTypes",
                "http://schemas.openxmlformats.org/officeDocument/2006/sharedTypes");
        NAMESPACES.put(STRICT + "officeDocument/extendedProperties",
                "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties");
        NAMESPACES.put(STRICT + "drawingml/main", "http://schemas.openxmlformats.org/drawingml/2006/main");
        NAMESPACES.put(STRICT + "drawingml/spreadsheetDrawing",
                "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing");
        NAMESPACES.put(STRICT + "drawingml/chart", "http://schemas.openxmlformats.org/drawingml/2006/chart");
    }

    private static final String ISO_DATE_CELL = " t=\"d\"";
    private static final String TEXT_CELL = " t=\"str\"";

    /** The longest Strict namespace: what a chunk's end must keep back in case one is cut in two. */
    private static final int LONGEST = NAMESPACES.keySet().stream().mapToInt(String::length).max().orElseThrow();

    private StrictPackage() {
    }

    /** Whether a read failed on a cell of type {@code d}, which a rewritten copy reads as its text. */
    static boolean isIsoDateCellRefusal(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IllegalStateException && cause.getMessage() != null
                    && cause.getMessage().matches("Unknown cell type\\s*:\\s*d")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A Transitional copy of workbook {@code file}, its date cells of type {@code d} made text and its content types
     * declaring what {@code parts} says they lack, beside it; the caller deletes it. Parts other than XML (images, a
     * VBA project) are copied as they are.
     */
    static Path transitionalCopy(Path file, PackageParts parts) throws IOException {
        Path copy = Files.createTempFile(file.toAbsolutePath().getParent(), "transitional-", ".xlsx");
        try (ZipFile zip = new ZipFile(file.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                out.putNextEntry(new ZipEntry(entry.getName()));
                try (InputStream in = zip.getInputStream(entry)) {
                    if (parts.amends() && entry.getName().equals(PackageParts.CONTENT_TYPES)) {
                        out.write(parts.amend(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                                .getBytes(StandardCharsets.UTF_8));
                    } else if (isXml(entry.getName())) {
                        rewrite(in, out, entry.getName().startsWith("xl/worksheets/"));
                    } else {
                        in.transferTo(out);
                    }
                }
                out.closeEntry();
            }
            if (parts.noStyles()) {
                out.putNextEntry(new ZipEntry(PackageParts.ADDED_STYLES));
                out.write(PackageParts.EMPTY_STYLES.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
        return copy;
    }

    private static boolean isXml(String name) {
        return name.endsWith(".xml") || name.endsWith(".rels");
    }

    /**
     * The part with each Strict namespace replaced, a chunk at a time. In a sheet, a date Strict writes as ISO 8601
     * text (a cell of type {@code d}, which fastexcel refuses) becomes that text ({@code str}): the date as written.
     */
    private static void rewrite(InputStream in, OutputStream out, boolean sheet) throws IOException {
        // the entry stays open for the next part: the writer is flushed, never closed
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        char[] buffer = new char[64 * 1024];
        StringBuilder pending = new StringBuilder();
        for (int read = reader.read(buffer); read >= 0; read = reader.read(buffer)) {
            pending.append(buffer, 0, read);
            String replaced = replaceAll(pending.toString(), sheet);
            // the tail may hold the start of a namespace the next chunk ends: it waits for it
            int keep = Math.min(LONGEST - 1, replaced.length());
            writer.write(replaced, 0, replaced.length() - keep);
            pending.setLength(0);
            pending.append(replaced, replaced.length() - keep, replaced.length());
        }
        writer.write(replaceAll(pending.toString(), sheet));
        writer.flush();
    }

    private static String replaceAll(String text, boolean sheet) {
        String result = sheet ? text.replace(ISO_DATE_CELL, TEXT_CELL) : text;
        if (!result.contains(STRICT)) {
            return result;
        }
        for (Map.Entry<String, String> namespace : NAMESPACES.entrySet()) {
            result = result.replace(namespace.getKey(), namespace.getValue());
        }
        return result;
    }
}
