package com.bulkimport.api.importjob;

import java.util.List;
import java.util.stream.Collectors;

/** Part numbers in a problem's words: the first few, and how many more. */
final class PartNumbers {

    /** Most part numbers a problem lists (its detail names fewer). */
    static final int LISTED = 1_000;
    private static final int NAMED = 10;

    private PartNumbers() {
    }

    static String describe(List<Integer> numbers) {
        String named = numbers.stream().limit(NAMED).map(String::valueOf).collect(Collectors.joining(", "));
        return numbers.size() > NAMED ? named + " and " + (numbers.size() - NAMED) + " more" : named;
    }
}
