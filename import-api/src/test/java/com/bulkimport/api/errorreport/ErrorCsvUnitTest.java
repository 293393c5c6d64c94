package com.bulkimport.api.errorreport;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Formula injection: every prefix a spreadsheet runs as a formula gets an apostrophe, nothing else does. */
class ErrorCsvUnitTest {

    @ParameterizedTest
    @ValueSource(strings = {"=1+1", "+44 20 7946 0000", "-2", "@SUM(A1:A9)", "\tcmd", "\rcmd", "=", "+", "-", "@",
            "\t", "\r", "==", "=HYPERLINK(\"http://evil\")", "-=1"})
    void aCellStartingWithAFormulaPrefixGetsAnApostrophe(String cell) {
        assertThat(ErrorCsv.neutralize(cell)).isEqualTo("'" + cell);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", " =1+1", "1-2", "a=b", "'=already quoted", "\n=1", "é=1", "0", "R1"})
    void otherCellsStayAsTheyAre(String cell) {
        assertThat(ErrorCsv.neutralize(cell)).isEqualTo(cell);
    }
}
