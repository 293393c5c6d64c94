package com.bulkimport.api.importjob;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON row objects as the table a CSV file would have been: the header is every key in order of
 * first appearance, a missing key is an empty cell, and a nested object is flattened one level
 * ({@code "nutrition": {"fat": 1}} becomes column {@code nutrition_fat}).
 */
final class InlineRows {

    private final List<String> header = new ArrayList<>();
    private final List<List<String>> records = new ArrayList<>();

    private InlineRows() {
    }

    /** @throws InvalidImportRequest for non-objects, too many fields or too long values (the first ten listed) */
    static InlineRows of(List<JsonNode> rows, ImportLimits limits) {
        InlineRows table = new InlineRows();
        List<Map<String, String>> flat = new ArrayList<>(rows.size());
        Map<String, Integer> columns = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            if (row == null || !row.isObject()) {
                problems.add("rows[" + i + "] is not an object");
                continue;
            }
            Map<String, String> cells = new LinkedHashMap<>();
            row.properties().forEach(entry -> flatten(entry.getKey(), entry.getValue(), cells));
            for (Map.Entry<String, String> cell : cells.entrySet()) {
                if (cell.getKey().indexOf('\0') >= 0 || cell.getValue().indexOf('\0') >= 0) {
                    problems.add("rows[" + i + "] holds a NUL character (\\u0000), which no field may contain");
                } else if (cell.getKey().length() > limits.maxFieldLength()
                        || cell.getValue().length() > limits.maxFieldLength()) {
                    problems.add("rows[" + i + "]." + clip(cell.getKey()) + " is longer than "
                            + limits.maxFieldLength() + " characters");
                }
            }
            cells.keySet().forEach(key -> columns.putIfAbsent(key, columns.size()));
            if (columns.size() > limits.maxColumns()) {
                problems.add("the rows have more than " + limits.maxColumns() + " distinct fields");
                break;
            }
            flat.add(cells);
            if (problems.size() >= 10) {
                break;
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidImportRequest(problems.size() > 10 ? problems.subList(0, 10) : problems);
        }
        table.header.addAll(columns.keySet());
        for (Map<String, String> cells : flat) {
            List<String> record = new ArrayList<>(table.header.size());
            for (String column : table.header) {
                record.add(cells.getOrDefault(column, ""));
            }
            table.records.add(record);
        }
        return table;
    }

    private static String clip(String key) {
        return key.length() > 50 ? key.substring(0, 50) + "…" : key;
    }

    private static void flatten(String key, JsonNode value, Map<String, String> cells) {
        if (value.isObject()) {
            value.properties().forEach(entry -> cells.put(key + "_" + entry.getKey(), text(entry.getValue())));
        } else {
            cells.put(key, text(value));
        }
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        if (value.isString()) {
            return value.asString();
        }
        if (value.isNumber()) {
            // 1e-300 written out is 302 characters, more than a number may have: such a value keeps its exponent
            String plain = value.decimalValue().toPlainString();
            return plain.length() <= 40 ? plain : value.decimalValue().toString();
        }
        return value.isBoolean() ? Boolean.toString(value.asBoolean()) : value.toString();
    }

    List<String> header() {
        return header;
    }

    List<List<String>> records() {
        return records;
    }
}
