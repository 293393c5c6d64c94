package com.bulkimport.model.xlsx;

import com.bulkimport.model.csv.UnreadableFile;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * An .xlsx file on local disk, opened for streaming: fastexcel reads the ZIP's directory and the
 * workbook's small parts (sheet list, styles), then each sheet as a stream of rows; no sheet is ever
 * held whole. The file must be on disk because a ZIP's directory is at its end. Every failure to read it
 * is the file's fault (the bytes are local by now) and says so once, as {@link UnreadableFile}.
 */
final class Workbook implements Closeable {

    private final ReadableWorkbook workbook;
    private final List<Sheet> sheets;
    private final CellText cells;
    /**
     * The rewritten copy a workbook is read from, deleted on close: a Strict one, one with ISO date cells, or one whose
     * content types leave its styles or shared strings undeclared ({@link PackageParts}); else null.
     */
    private final Path copy;

    /** The relationship ids of sheets that hold no table (chart sheets), passed over when no sheet is named. */
    private final java.util.Set<String> chartSheets;

    private Workbook(ReadableWorkbook workbook, Path copy, java.util.Set<String> chartSheets) {
        this.workbook = workbook;
        this.copy = copy;
        this.chartSheets = chartSheets;
        this.sheets = workbook.getSheets().toList();
        this.cells = new CellText(workbook.isDate1904());
    }

    static Workbook open(Path file) {
        return open(file, false);
    }

    /**
     * @param rewritten read from a rewritten copy even when the workbook is not Strict: one whose sheet holds ISO 8601
     *                  date cells (type {@code d}), which fastexcel refuses ({@link SheetRows} finds out as it reads)
     */
    static Workbook open(Path file, boolean rewritten) {
        Path copy = null;
        try {
            PackageParts parts = PackageParts.of(file);
            copy = rewritten || parts.needsCopy() ? StrictPackage.transitionalCopy(file, parts) : null;
            // cell formats on: a date is a number whose format says so
            return new Workbook(new ReadableWorkbook((copy == null ? file : copy).toFile(),
                    new ReadingOptions(true, false)), copy, parts.chartSheets());
        } catch (IOException | RuntimeException e) {
            deleteQuietly(copy);
            throw unreadable(e, file);
        }
    }

    private static void deleteQuietly(Path copy) {
        if (copy == null) {
            return;
        }
        try {
            Files.deleteIfExists(copy);
        } catch (IOException ignored) {
            // a temporary copy left in the spool directory goes with it
        }
    }

    /**
     * The failure of a read as the user's reason: a corrupt or truncated file, or a ZIP that is no workbook.
     * The temporary copy's path is the server's business, not the user's: it is left out.
     */
    static UnreadableFile unreadable(Exception e, Path file) {
        if (e instanceof UnreadableFile u) {
            return u;
        }
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (file != null) {
            detail = detail.replace(" from " + file, "").replace(file.toString(), "the file");
        }
        return new UnreadableFile("BAD_XLSX", "the file is a ZIP archive but not a readable Excel workbook (.xlsx):"
                + " " + detail + "; open it in Excel and save it again as Excel Workbook, or upload a CSV", e);
    }

    /** The sheets in tab order, without their sizes. */
    public List<SheetInfo> sheets() {
        return sheets.stream().map(s -> new SheetInfo(s.getIndex() + 1, s.getName(), visibility(s), -1)).toList();
    }

    /**
     * The sheet an import reads: the one {@code option} names (its name, any case, or its 1-based position),
     * else the first visible one.
     */
    public SheetInfo choose(String option) {
        List<SheetInfo> all = sheets();
        if (all.isEmpty()) {
            throw new UnreadableFile("NO_SHEETS", "the workbook has no sheets");
        }
        if (option == null || option.isBlank()) {
            // a chart on a tab of its own (often the first, in a report) has no rows to import
            java.util.Optional<SheetInfo> table = all.stream()
                    .filter(s -> s.visible() && !chartSheets.contains(sheets.get(s.position() - 1).getId())).findFirst();
            if (table.isPresent()) {
                return table.get();
            }
            return all.stream().filter(SheetInfo::visible).findFirst().orElseThrow(() -> new UnreadableFile(
                    "NO_VISIBLE_SHEET", "every sheet of the workbook is hidden; name the one to import with the"
                    + " option sheet (the workbook's sheets are: " + names(all) + ")"));
        }
        for (SheetInfo sheet : all) {
            if (sheet.name().equals(option)) {
                return sheet;
            }
        }
        for (SheetInfo sheet : all) {
            if (sheet.name().toLowerCase(Locale.ROOT).equals(option.toLowerCase(Locale.ROOT))) {
                return sheet;
            }
        }
        if (option.matches("\\d{1,5}")) {
            int position = Integer.parseInt(option);
            if (position >= 1 && position <= all.size()) {
                return all.get(position - 1);
            }
        }
        throw new UnreadableFile("SHEET_NOT_FOUND", "the workbook has no sheet '" + option + "'; its sheets are: "
                + names(all));
    }

    /** The sheet's rows as a stream, read from the file as it is consumed; close it. */
    Stream<Row> rows(SheetInfo sheet) {
        try {
            return sheets.get(sheet.position() - 1).openStream();
        } catch (IOException | RuntimeException e) {
            throw unreadable(e, null);
        }
    }

    CellText cells() {
        return cells;
    }

    /** Whether this workbook is read from a rewritten copy ({@link StrictPackage}). */
    boolean rewritten() {
        return copy != null;
    }

    private static String names(List<SheetInfo> all) {
        return String.join(", ", all.stream().map(s -> s.visible() ? s.name() : s.name() + " (" + s.visibility()
                .replace('_', ' ') + ")").toList());
    }

    private static String visibility(Sheet sheet) {
        return switch (sheet.getVisibility()) {
            case VISIBLE -> "visible";
            case HIDDEN -> "hidden";
            case VERY_HIDDEN -> "very_hidden";
        };
    }

    @Override
    public void close() {
        try {
            workbook.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(copy);
        }
    }
}
