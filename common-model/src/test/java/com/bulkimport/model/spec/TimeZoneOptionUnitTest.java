package com.bulkimport.model.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job's {@code time_zone}: the file's date-times that name no offset were written there. Offsets worked out from
 * the zones' rules by hand: New York is UTC−5 in winter and −4 from 10 March 2024; Berlin +1, and +2 from
 * 31 March 2024 02:00, when 02:30 does not exist.
 */
class TimeZoneOptionUnitTest {

    private static final FieldSpec AT = FieldSpec.of("purchased_at", FieldType.TIMESTAMP).build();

    @ParameterizedTest(name = "{0} in {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "12/1/2010 8:26           | America/New_York | 2010-12-01T08:26-05:00",
            "7/1/2024 8:26            | America/New_York | 2024-07-01T08:26-04:00",
            "40513.3513888889         | America/New_York | 2010-12-01T08:26-05:00",
            "2024-03-30 14:05:00      | Europe/Berlin    | 2024-03-30T14:05+01:00",
            "2024-03-31 14:05:00      | Europe/Berlin    | 2024-03-31T14:05+02:00",
            "2024-03-31               | Europe/Berlin    | 2024-03-31T00:00+01:00",
            "2024-03-31 02:30         | Europe/Berlin    | 2024-03-31T03:30+02:00",
            "12/31/2024 23:59         | +05:30           | 2024-12-31T23:59+05:30",
            "2024-03-31T14:05:00+09:00 | America/New_York | 2024-03-31T14:05+09:00",
            "1291191960               | America/New_York | 2010-12-01T08:26Z"})
    void dateTimesWithoutAnOffsetTakeTheJobsZone(String raw, String zone, String expected) throws InvalidValue {
        ParseOptions options = new ParseOptions(false, Map.of(), DateOrder.MDY, ZoneId.of(zone));
        assertThat(ValueParser.parse(AT, raw, options)).isEqualTo(expected);
    }

    @Test
    void withoutAZoneTheyStayAsWritten() throws InvalidValue {
        assertThat(ValueParser.parse(AT, "2024-03-31 14:05:00", ParseOptions.DEFAULT)).isEqualTo("2024-03-31T14:05");
    }

    @Test
    void theOptionNamesAZoneOrAnOffset() {
        assertThat(ParseOptions.timeZone(" Europe/Berlin ")).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(ParseOptions.timeZone("+02:00")).isEqualTo(ZoneOffset.ofHours(2));
        assertThat(ParseOptions.timeZone("UTC")).isEqualTo(ZoneId.of("UTC"));
        assertThat(ParseOptions.timeZone("Mars/Olympus")).isNull();
        assertThat(ParseOptions.timeZone("")).isNull();
        assertThat(ParseOptions.timeZone(null)).isNull();
        com.bulkimport.model.ImportOptions options = com.bulkimport.model.ImportOptions.fromJson(
                "{\"time_zone\": \"America/New_York\"}");
        assertThat(ParseOptions.of(options, Map.of()).timeZone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(options.toJson()).contains("\"time_zone\":\"America/New_York\"");
    }
}
