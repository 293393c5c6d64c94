package com.bulkimport.cli;

import tools.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code mappings [--kind KIND] [--json]}: the tenant's named column mappings, one a line (kind, name, columns),
 * for {@code import --mapping NAME}.
 */
final class MappingsCommand {

    private final ApiClient api;
    private final PrintStream out;

    MappingsCommand(ApiClient api, PrintStream out) {
        this.api = api;
        this.out = out;
    }

    int run(Args args) {
        String kind = args.optional("--kind").orElse(null);
        JsonNode list = api.get("/api/mappings" + (kind == null ? "" : "?kind=" + encode(kind)));
        if (args.flag("--json")) {
            out.println(ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(list));
            return 0;
        }
        if (list.path("items").isEmpty()) {
            out.println("no named mappings" + (kind == null ? "" : " of " + kind)
                    + "; save one in the web UI's mapping step (\"Save this mapping as…\")");
            return 0;
        }
        for (JsonNode mapping : list.path("items")) {
            Map<String, String> columns = new TreeMap<>();
            mapping.path("mapping").properties().forEach(e -> columns.put(e.getKey(), e.getValue().asString()));
            StringBuilder text = new StringBuilder();
            columns.forEach((column, field) -> text.append(text.isEmpty() ? "" : ", ").append(column).append(" → ")
                    .append(field.isEmpty() ? "(ignored)" : field));
            out.println(mapping.path("kind").asString() + "\t" + mapping.path("name").asString() + "\t" + text);
        }
        return 0;
    }

    /** The named mapping's columns; a name the tenant has no mapping of for the kind is a clear error (exit 1). */
    static Map<String, String> named(ApiClient api, String name, String kind) {
        JsonNode mapping;
        try {
            mapping = api.get("/api/mappings/" + encode(name) + "?kind=" + encode(kind));
        } catch (ApiError e) {
            if (e.is("mapping-not-found")) {
                throw new ApiError("there is no saved mapping named '" + name + "' for " + kind
                        + "; ./bulk-import mappings --kind " + kind + " lists them");
            }
            throw e;
        }
        Map<String, String> columns = new LinkedHashMap<>();
        mapping.path("mapping").properties().forEach(e -> columns.put(e.getKey(), e.getValue().asString()));
        return columns;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
