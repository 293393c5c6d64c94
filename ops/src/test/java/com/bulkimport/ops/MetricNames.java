package com.bulkimport.ops;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bulkimport metrics a PromQL expression reads, by the name a service exports: a timer's
 * {@code _bucket}, {@code _sum}, {@code _count} and {@code _max} series all belong to one metric.
 */
final class MetricNames {

    /** Every metric the dashboard and the alert rules may use (the list; services must export them). */
    static final Set<String> CONTRACT = Set.of(
            "bulkimport_import_rows_total",
            "bulkimport_batch_duration_seconds",
            "bulkimport_jobs",
            "bulkimport_queue_depth",
            "bulkimport_dead_letters_open",
            "bulkimport_outbox_pending",
            "bulkimport_outbox_lag_seconds",
            "bulkimport_outbox_published_total",
            "bulkimport_outbox_dead_total");

    private static final Pattern NAME = Pattern.compile("\\bbulkimport_[a-z_]+");
    private static final Pattern TIMER_SERIES = Pattern.compile("(.*_seconds)_(bucket|sum|count|max)");

    private MetricNames() {
    }

    static Set<String> in(String expression) {
        Set<String> names = new TreeSet<>();
        Matcher m = NAME.matcher(expression);
        while (m.find()) {
            names.add(metric(m.group()));
        }
        return names;
    }

    /** The exported metric a series belongs to. */
    static String metric(String series) {
        Matcher timer = TIMER_SERIES.matcher(series);
        return timer.matches() ? timer.group(1) : series;
    }
}
