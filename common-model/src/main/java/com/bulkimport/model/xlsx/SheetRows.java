package com.bulkimport.model.xlsx;

import com.bulkimport.model.csv.ChunkedCsv;
import com.bulkimport.model.csv.CsvFormat;
import com.bulkimport.model.csv.CsvInput;
import com.bulkimport.model.csv.RowSource;
import com.bulkimport.model.csv.TitleLines;
import com.bulkimport.model.csv.UnreadableFile;
import org.dhatim.fastexcel.reader.Row;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One sheet of a workbook as checkpointed chunks of records, like {@link ChunkedCsv}: the first non-empty
 * row is the header (after a title above the table, {@link #TITLE_ROWS}), every later non-empty row a record
 * (empty rows are skipped, as empty lines are in a CSV). A record's line is its row number in Excel, so row errors point where the user looks. A chunk's
 * end offset is the last sheet row it holds: a resumed ingest reads the sheet again from its start and
 * skips to the row after it (a ZIP entry cannot be entered in the middle).
 */
public final class SheetRows implements RowSource {

    /** Reported as the workbook's "encoding": the XML inside is Unicode, there is nothing to detect. */
    public static final CsvFormat FORMAT = new CsvFormat(StandardCharsets.UTF_8, "xlsx workbook (Unicode)", 0, ',',
            "none", false);

    private final Path file;
    private Workbook workbook;
    private final Path deleteOnClose;
    private final SheetInfo sheet;
    private Stream<Row> stream;
    private Iterator<Row> rows;
    private final int chunkChars;
    private List<String> header;
    private List<String> headerWarnings;
    private long nextRow;
    /** Rows read ahead while the header was looked for, handed out before the sheet's next ones. */
    private final ArrayDeque<ReadAhead> ahead = new ArrayDeque<>();

    /**
     * The most rows a title above a sheet's table may take. A report's sheet often starts with a title (a company,
     * "Products, March 2024", typed in A1 or centred across a merged range) and a blank row or two above its table;
     * a header has a name in each column. So up to this many leading rows with one filled cell are a title when the
     * next non-empty row has two or more, and that row is the header; else the first row is (a table of one column,
     * whose rows may well hold one cell each).
     */
    static final int TITLE_ROWS = TitleLines.TITLE_LINES;

    private record ReadAhead(int sheetRow, List<String> fields) {
    }

    private SheetRows(Path file, Workbook workbook, Path deleteOnClose, SheetInfo sheet, int chunkChars) {
        this.file = file;
        this.workbook = workbook;
        this.deleteOnClose = deleteOnClose;
        this.sheet = sheet;
        this.stream = workbook.rows(sheet);
        this.rows = stream.iterator();
        this.chunkChars = chunkChars;
    }

    /**
     * Reads a sheet from its start.
     *
     * @param deleteOnClose whether {@code file} is a temporary copy to delete when this is closed
     * @param sheetOption   the import's {@code sheet} option (null: the first visible sheet)
     * @param chunkChars    about this many characters of cells per chunk
     */
    public static SheetRows open(Path file, boolean deleteOnClose, String sheetOption, int chunkChars) {
        return start(file, deleteOnClose, chunkChars, workbook -> workbook.choose(sheetOption), rows -> {
            List<String> raw = rows.nextFields();
            if (raw == null) {
                throw new UnreadableFile("EMPTY_FILE", "the sheet '" + rows.sheet.name() + "' is empty");
            }
            List<String> warnings = new ArrayList<>();
            raw = rows.pastTitle(raw, warnings);
            rows.header = CsvInput.cleanHeader(raw, warnings);
            rows.headerWarnings = List.copyOf(warnings);
        });
    }

    /**
     * The header row: {@code first}, or the row with two or more filled cells below a title ({@link #TITLE_ROWS}),
     * the title's rows then skipped with a warning. The rows read past the header are handed out next.
     */
    private List<String> pastTitle(List<String> first, List<String> warnings) {
        if (filled(first) != 1) {
            return first;
        }
        List<ReadAhead> read = new ArrayList<>();
        read.add(new ReadAhead(lastSheetRow, first));
        for (int i = 0; i < TITLE_ROWS; i++) {
            List<String> next = nextFields();
            if (next == null) {
                break;
            }
            read.add(new ReadAhead(lastSheetRow, next));
            if (filled(next) >= 2) {
                break;
            }
        }
        ReadAhead last = read.get(read.size() - 1);
        if (read.size() == 1 || filled(last.fields()) < 2) {
            ahead.addAll(read.subList(1, read.size()));
            return first;
        }
        // the header is the last row read: nothing past it waits
        int firstTitle = read.get(0).sheetRow();
        int lastTitle = read.get(read.size() - 2).sheetRow();
        warnings.add(TitleLines.warning("row", firstTitle, lastTitle, last.sheetRow(), TitleLines.firstFilled(first)));
        return last.fields();
    }

    private static long filled(List<String> fields) {
        return TitleLines.filled(fields);
    }

    /** Continues after a checkpoint: the same sheet, by the name the first read stored. */
    public static SheetRows resume(Path file, boolean deleteOnClose, String sheetName, ChunkedCsv.Checkpoint checkpoint,
                                   int chunkChars) {
        return start(file, deleteOnClose, chunkChars, workbook -> workbook.choose(sheetName), rows -> {
            rows.header = checkpoint.header();
            rows.headerWarnings = List.of();
            rows.nextRow = checkpoint.rowsRead();
            rows.skipThrough(checkpoint.offset());
        });
    }

    private interface Step<T, R> {
        R apply(T t) throws IOException;
    }

    private interface Setup {
        void accept(SheetRows rows) throws IOException;
    }

    private static SheetRows start(Path file, boolean deleteOnClose, int chunkChars, Step<Workbook, SheetInfo> choose,
                                   Setup setup) {
        Workbook workbook = null;
        SheetRows rows = null;
        try {
            workbook = Workbook.open(file);
            rows = new SheetRows(file, workbook, deleteOnClose ? file : null, choose.apply(workbook), chunkChars);
            setup.accept(rows);
            return rows;
        } catch (IOException | RuntimeException e) {
            closeQuietly(rows, workbook, deleteOnClose ? file : null);
            throw Workbook.unreadable(e, file);
        }
    }

    private static void closeQuietly(SheetRows rows, Workbook workbook, Path file) {
        try {
            if (rows != null) {
                rows.close();
            } else {
                if (workbook != null) {
                    workbook.close();
                }
                if (file != null) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // the failure that got here is the one to report
        }
    }

    @Override
    public String fileFormat() {
        return "xlsx";
    }

    @Override
    public String sheet() {
        return sheet.name();
    }

    public SheetInfo sheetInfo() {
        return sheet;
    }

    @Override
    public CsvFormat format() {
        return FORMAT;
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public List<String> headerWarnings() {
        return headerWarnings;
    }

    private int lastSheetRow;

    @Override
    public ChunkedCsv.Chunk next() {
        List<CsvInput.Row> chunk = new ArrayList<>();
        long chars = 0;
        while (chars < chunkChars) {
            List<String> fields = nextFields();
            if (fields == null) {
                break;
            }
            chunk.add(new CsvInput.Row(++nextRow, lastSheetRow, fields));
            for (String field : fields) {
                chars += field.length() + 1;
            }
        }
        return chunk.isEmpty() ? null : new ChunkedCsv.Chunk(chunk, lastSheetRow, lastSheetRow + 1L);
    }

    /** The next non-empty row's cells as text, trailing empty cells left out; null after the last row. */
    List<String> nextFields() {
        ReadAhead early = ahead.poll();
        if (early != null) {
            lastSheetRow = early.sheetRow();
            return early.fields();
        }
        while (true) {
            try {
                while (rows.hasNext()) {
                    Row row = rows.next();
                    lastSheetRow = row.getRowNum();
                    List<String> fields = fields(row);
                    if (!fields.isEmpty()) {
                        return fields;
                    }
                }
                return null;
            } catch (RuntimeException e) {
                rereadFromRewrittenCopy(e);
            }
        }
    }

    private void skipThrough(long sheetRow) {
        while (true) {
            try {
                while (lastSheetRow < sheetRow && rows.hasNext()) {
                    lastSheetRow = rows.next().getRowNum();
                }
                return;
            } catch (RuntimeException e) {
                rereadFromRewrittenCopy(e);
            }
        }
    }

    /**
     * A row with a date cell of type {@code d} (ISO 8601 text), which fastexcel refuses: the sheet is read on from a
     * rewritten copy of the workbook ({@link StrictPackage}), past the rows already read. Only such workbooks pay
     * for the copy; any other failure is the file's.
     */
    private void rereadFromRewrittenCopy(RuntimeException failure) {
        if (workbook.rewritten() || !StrictPackage.isIsoDateCellRefusal(failure)) {
            throw Workbook.unreadable(failure, null);
        }
        stream.close();
        workbook.close();
        workbook = Workbook.open(file, true);
        stream = workbook.rows(workbook.choose(sheet.name()));
        rows = stream.iterator();
        int readThrough = lastSheetRow;
        lastSheetRow = 0;
        skipThrough(readThrough);
    }

    /**
     * Cells by column, a missing cell empty. Empty cells at the end (formatted but blank, or the rest of a
     * merged range, whose value Excel keeps in its first cell only) are dropped, as a CSV export drops them.
     */
    private List<String> fields(Row row) {
        int count = row.getCellCount();
        List<String> fields = new ArrayList<>(count);
        int lastFilled = -1;
        for (int i = 0; i < count; i++) {
            String text = row.hasCell(i) ? workbook.cells().of(row.getCell(i)) : "";
            fields.add(text);
            if (!text.isEmpty()) {
                lastFilled = i;
            }
        }
        return lastFilled + 1 == count ? fields : fields.subList(0, lastFilled + 1);
    }

    @Override
    public void close() throws IOException {
        try {
            stream.close();
            workbook.close();
        } finally {
            if (deleteOnClose != null) {
                Files.deleteIfExists(deleteOnClose);
            }
        }
    }
}
