package com.bulkimport.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every character that could end, forge or colour a log line is escaped; nothing else is touched. */
class LogTextUnitTest {

    @Test
    void controlCharactersAndLineSeparatorsBecomeEscapes() {
        assertThat(LogText.clean("evil\r\n2026-01-01 INFO forged\u001B[31m.csv"))
                .isEqualTo("evil\\u000D\\u000A2026-01-01 INFO forged\\u001B[31m.csv");
        assertThat(LogText.clean("\u0000\t\u007F\u0085\u009B\u2028\u2029"))
                .isEqualTo("\\u0000\\u0009\\u007F\\u0085\\u009B\\u2028\\u2029");
    }

    @Test
    void otherTextIsKeptAsItIs() {
        String text = "Café \"Zoë\" – 東京, \\u000A as typed, \uD83D\uDE00, \u00A0";
        assertThat(LogText.clean(text)).isSameAs(text);
        assertThat(LogText.clean(null)).isNull();
        assertThat(LogText.clean(42)).isEqualTo("42");
    }
}
