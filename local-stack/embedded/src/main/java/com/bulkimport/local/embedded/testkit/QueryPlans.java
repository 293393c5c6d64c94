package com.bulkimport.local.embedded.testkit;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** A statement's plan as {@code EXPLAIN (ANALYZE, FORMAT JSON)} gives it (its {@code Plan}): what the plan tests read. */
public final class QueryPlans {

    private QueryPlans() {
    }

    /** The plan's node and every node under it, parents first. */
    public static List<JsonNode> nodes(JsonNode plan) {
        List<JsonNode> all = new ArrayList<>();
        all.add(plan);
        plan.path("Plans").forEach(child -> all.addAll(nodes(child)));
        return all;
    }

    /** The nodes that scan {@code table} (by any scan or index). */
    public static List<JsonNode> scansOf(JsonNode plan, String table) {
        return nodes(plan).stream().filter(node -> table.equals(node.path("Relation Name").asString())).toList();
    }

    /**
     * The rows the scans of {@code table} read, over all their loops: those they returned and those a filter or an
     * index recheck removed. A scan of a whole tenant per row looked up shows here as millions.
     */
    public static long rowsRead(JsonNode plan, String table) {
        return scansOf(plan, table).stream().mapToLong(scan -> (scan.path("Actual Rows").asLong()
                + scan.path("Rows Removed by Filter").asLong() + scan.path("Rows Removed by Index Recheck").asLong())
                * Math.max(1, scan.path("Actual Loops").asLong())).sum();
    }
}
