package com.bulkimport.model.spec;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Timestamps written as numbers; every expected value worked out apart from the code (Python's datetime: day 40513
 * after 1899-12-30 is 2010-12-01, 0.3513888889 of a day is 30,360.0000 s, Unix time 1291191960 is 2010-12-01 08:26
 * UTC, 4102444800 is 2100-01-01).
 */
class NumericTimestampsUnitTest {

    private static final FieldSpec AT = FieldSpec.of("updated_at", FieldType.TIMESTAMP).build();

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "40513.3513888889 | 2010-12-01T08:26",
            "40513            | 2010-12-01T00:00",
            "45382.5          | 2024-03-31T12:00",
            "45382.0000115741 | 2024-03-31T00:00:01",
            "25569            | 1970-01-01T00:00",
            "1291191960       | 2010-12-01T08:26Z",
            "1291191960123    | 2010-12-01T08:26:00.123Z",
            "999999999        | 2001-09-09T01:46:39Z"})
    void spreadsheetSerialsAndUnixTimeReadAsTheirTimestamp(String raw, String expected) throws InvalidValue {
        assertThat(ValueParser.parse(AT, raw, ParseOptions.DEFAULT)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "25568.9", "73051", "99999", "1234567", "12345678", "4102444800",
            "40513.1234567890123456", "40513.", "-40513", "12345678901"})
    void numbersOutsideTheirRangesAreTheUsualRowError(String raw) {
        assertThatThrownBy(() -> ValueParser.parse(AT, raw, ParseOptions.DEFAULT)).isInstanceOf(InvalidValue.class)
                .hasFieldOrPropertyWithValue("code", "NOT_A_TIMESTAMP")
                .hasMessage("updated_at must be a date-time like 2024-03-31 14:05:00, got '" + raw + "'");
    }
}
