package com.bulkimport.worker.mail;

import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the mail says. A job's end: how it ended, the counts, the failure's reason, links to the job and (when a
 * row was refused, a duplicate or skipped at review) its error report. A disabled webhook: which, since when, how to enable it.
 */
final class CompletionMails {

    /** Each printed when the event has it: skipped (rows left out at review) and items are absent when none. */
    private static final List<String> COUNTS = List.of("total_rows", "processed_rows", "created", "updated",
            "unchanged", "duplicates", "errors", "skipped", "items");

    private CompletionMails() {
    }

    static Mail jobFinished(List<String> to, String eventType, String status, Map<String, Object> payload,
                            String fileName, String baseUrl) {
        String jobId = String.valueOf(payload.get("job_id"));
        String what = (fileName == null ? "" : fileName + " ") + "(" + payload.get("kind") + ")";
        String ended = switch (eventType) {
            case "IMPORT_JOB_FAILED" -> "failed";
            case "IMPORT_JOB_CANCELLED" -> "was cancelled";
            default -> "COMPLETED_WITH_ERRORS".equals(status) ? "completed with errors" : "completed";
        };
        StringBuilder text = new StringBuilder("Your import ").append(what).append(' ').append(ended).append(".\n\n");
        if (payload.get("failure_reason") != null) {
            text.append("Reason: ").append(payload.get("failure_reason"));
            if (payload.get("failure_code") != null) {
                text.append(" (").append(payload.get("failure_code")).append(')');
            }
            text.append("\n\n");
        }
        NumberFormat numbers = NumberFormat.getIntegerInstance(Locale.ROOT);
        numbers.setGroupingUsed(true);
        for (String count : COUNTS) {
            Object value = payload.get(count);
            if (value instanceof Number number) {
                text.append(String.format(Locale.ROOT, "  %-15s %s%n", count.replace('_', ' '),
                        numbers.format(number.longValue())));
            }
        }
        text.append('\n').append("The import: ").append(baseUrl).append("/#/imports/").append(jobId).append('\n');
        // the report lists the rows left out at review too
        if (number(payload.get("errors")) + number(payload.get("duplicates")) + number(payload.get("skipped")) > 0) {
            // the web UI's page, not the API's download: a link clicked in a mail client carries no bearer token
            text.append("The error report (CSV): \"Download the error report\" on the import's page above\n");
        }
        text.append("\nJob ").append(jobId).append('\n');
        String subject = "Import " + what + " " + ended;
        if ("IMPORT_JOB_FAILED".equals(eventType) && payload.get("failure_reason") != null) {
            subject += ": " + clip(String.valueOf(payload.get("failure_reason")), 120);
        } else if (payload.get("processed_rows") instanceof Number processed) {
            subject += ": " + numbers.format(processed.longValue()) + " rows";
        }
        return new Mail(to, subject, text.toString());
    }

    static Mail webhookDisabled(List<String> to, Map<String, Object> payload, String baseUrl) {
        String id = String.valueOf(payload.get("webhook_id"));
        String text = "Your webhook " + payload.get("url") + " was disabled: every delivery to it failed since "
                + payload.get("failing_since") + " (" + payload.get("days") + " days).\n\n"
                + "Its deliveries, and Enable once the receiver answers again: " + baseUrl + "/#/webhooks/" + id + "\n";
        return new Mail(to, "Webhook disabled: " + clip(String.valueOf(payload.get("url")), 120), text);
    }

    private static long number(Object value) {
        return value instanceof Number number ? number.longValue() : 0;
    }

    private static String clip(String text, int length) {
        String line = text.replaceAll("[\\r\\n]+", " ");
        return line.length() > length ? line.substring(0, length) + "…" : line;
    }
}
