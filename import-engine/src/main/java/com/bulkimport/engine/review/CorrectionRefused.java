package com.bulkimport.engine.review;

import java.util.List;

/** Corrections that name what is not there (a row out of range, an unknown column, a bad default): nothing applied. */
public class CorrectionRefused extends RuntimeException {

    private final List<String> problems;

    public CorrectionRefused(List<String> problems) {
        super(String.join("; ", problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
