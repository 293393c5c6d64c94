package com.bulkimport.api.errorreport;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The error report as CSV: the original columns, then {@code row_number, line_number, column,
 * error_code, error_message}. Cells that a spreadsheet would run as a formula (starting with
 * {@code = + - @}, TAB or CR) get a leading apostrophe, in the header row too (it is the file's own
 * first record): an imported file must not become an attack on whoever opens the report.
 */
final class ErrorCsv {

    static final List<String> TRAILER = List.of("row_number", "line_number", "column", "error_code", "error_message");

    private final RowErrorQueries.Layout layout;

    ErrorCsv(RowErrorQueries.Layout layout) {
        this.layout = layout;
    }

    void write(RowErrorQueries errors, UUID jobId, OutputStream out) throws IOException {
        Writer text = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        text.write('\uFEFF');
        try (CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(text)) {
            List<String> header = new ArrayList<>(layout.header());
            header.addAll(TRAILER);
            csv.writeRecord(header.stream().map(ErrorCsv::neutralize).toList());
            errors.forEach(jobId, error -> {
                List<String> cells = originalCells(error.values());
                cells.add(Long.toString(error.rowNumber()));
                cells.add(error.lineNumber() == null ? "" : Long.toString(error.lineNumber()));
                cells.add(error.column() == null ? "" : error.column());
                cells.add(error.code());
                cells.add(error.message());
                csv.writeRecord(cells.stream().map(ErrorCsv::neutralize).toList());
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Positional when the row was kept as read; by field (through the column map) when it was staged. */
    private List<String> originalCells(JsonNode values) {
        List<String> cells = new ArrayList<>(layout.header().size() + TRAILER.size());
        for (int i = 0; i < layout.header().size(); i++) {
            cells.add(cell(values, i));
        }
        return cells;
    }

    private String cell(JsonNode values, int column) {
        if (values == null) {
            return "";
        }
        if (values.isArray()) {
            return column < values.size() ? values.get(column).asString("") : "";
        }
        String field = layout.columnMap().get(layout.header().get(column));
        if (field == null) {
            return "";
        }
        JsonNode value = values.get(field);
        if (value == null) {
            value = familyMember(values, field);
        }
        return value == null || value.isNull() ? "" : value.isString() ? value.asString() : value.toString();
    }

    /** {@code nutrition_fat} lives in the staged {@code nutrition} object under {@code fat}. */
    private static JsonNode familyMember(JsonNode values, String field) {
        for (Map.Entry<String, JsonNode> entry : values.properties()) {
            if (entry.getValue().isObject() && field.startsWith(entry.getKey() + "_")) {
                return entry.getValue().get(field.substring(entry.getKey().length() + 1));
            }
        }
        return null;
    }

    static String neutralize(String cell) {
        if (cell.isEmpty()) {
            return cell;
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + cell : cell;
    }
}
