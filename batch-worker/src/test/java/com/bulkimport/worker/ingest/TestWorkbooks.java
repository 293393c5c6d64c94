package com.bulkimport.worker.ingest;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * Workbooks for the worker's tests, written with POI's streaming writer: each value becomes the cell type
 * a user's Excel would hold (text, number, boolean, date-time, or a formula when it starts with "=").
 */
public final class TestWorkbooks {

    private TestWorkbooks() {
    }

    /** One sheet of a workbook: its name, whether it is hidden, its rows (the first is the header). */
    public record SheetData(String name, boolean hidden, List<List<Object>> rows) {
    }

    /**
     * Streamed (SXSSF) unless a formula is among the values: those need the whole workbook in memory to get
     * the cached values Excel would have saved with them.
     */
    public static byte[] xlsx(SheetData... sheets) {
        boolean formulas = java.util.Arrays.stream(sheets).flatMap(s -> s.rows().stream()).flatMap(List::stream)
                .anyMatch(v -> v instanceof String s && s.startsWith("="));
        try (Workbook workbook = formulas ? new XSSFWorkbook() : new SXSSFWorkbook(100)) {
            CellStyle dateTime = workbook.createCellStyle();
            dateTime.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.createDataFormat().getFormat("dd.mm.yyyy"));
            Map<Class<?>, CellStyle> styles = Map.of(LocalDateTime.class, dateTime, LocalDate.class, date);
            for (SheetData data : sheets) {
                Sheet sheet = workbook.createSheet(data.name());
                int r = 0;
                for (List<Object> values : data.rows()) {
                    write(sheet.createRow(r++), values, styles);
                }
                if (data.hidden()) {
                    workbook.setSheetHidden(workbook.getSheetIndex(sheet), true);
                }
            }
            if (formulas) {
                workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] xlsx(String sheet, List<List<Object>> rows) {
        return xlsx(new SheetData(sheet, false, rows));
    }

    private static void write(Row row, List<Object> values, Map<Class<?>, CellStyle> styles) {
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            if (value == null) {
                continue;
            }
            Cell cell = row.createCell(i);
            if (value instanceof String s && s.startsWith("=")) {
                cell.setCellFormula(s.substring(1));
            } else if (value instanceof String s) {
                cell.setCellValue(s);
            } else if (value instanceof Number n) {
                cell.setCellValue(n.doubleValue());
            } else if (value instanceof Boolean b) {
                cell.setCellValue(b);
            } else if (value instanceof LocalDateTime t) {
                cell.setCellValue(t);
                cell.setCellStyle(styles.get(LocalDateTime.class));
            } else if (value instanceof LocalDate d) {
                cell.setCellValue(d);
                cell.setCellStyle(styles.get(LocalDate.class));
            } else {
                throw new IllegalArgumentException("no cell type for " + value.getClass());
            }
        }
    }
}
