package com.bulkimport.api.importjob;

import com.bulkimport.model.ImportKind;
import com.bulkimport.model.JobStatus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The job list's query parameters, checked together so every mistake is named in one answer. */
final class JobFilters {

    private JobFilters() {
    }

    static ImportJobRepository.JobFilter parse(List<String> statuses, String kind, String fileName, int maxLength) {
        List<String> problems = new ArrayList<>();
        Set<JobStatus> wanted = new LinkedHashSet<>();
        for (String value : statuses == null ? List.<String>of() : statuses) {
            for (String name : value.split(",")) {
                if (name.isBlank()) {
                    continue;
                }
                try {
                    wanted.add(JobStatus.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    problems.add("status must be one of " + Arrays.toString(JobStatus.values()) + ", got '"
                            + clip(name.trim()) + "'");
                }
            }
        }
        // the document's maxItems: each status once is all a filter can mean; more is a mistake or a probe
        long named = statuses == null ? 0 : statuses.stream().flatMap(value -> Arrays.stream(value.split(",")))
                .filter(name -> !name.isBlank()).count();
        if (named > JobStatus.values().length) {
            problems.add("status takes at most " + JobStatus.values().length + " statuses, got " + named);
        }
        ImportKind parsedKind = null;
        if (kind != null && !kind.isBlank()) {
            parsedKind = ImportKind.fromWireName(kind.trim()).orElse(null);
            if (parsedKind == null) {
                problems.add("kind must be one of " + ImportRequestChecks.supportedKinds() + ", got '" + clip(kind) + "'");
            }
        }
        String name = fileName == null || fileName.isBlank() ? null : fileName.trim();
        if (name != null && (name.length() > maxLength || name.indexOf('\0') >= 0)) {
            problems.add("file_name must be at most " + maxLength + " characters without NUL");
        }
        if (!problems.isEmpty()) {
            throw new InvalidImportRequest(problems);
        }
        return new ImportJobRepository.JobFilter(List.copyOf(wanted), parsedKind, name, null);
    }

    private static String clip(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
