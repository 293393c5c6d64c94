package com.bulkimport.model.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Dates as spreadsheets export them with the year last; every expected value worked out by hand from the text and
 * the order (Excel en-US writes 1 December 2010 8:26 as {@code 12/1/2010 8:26}).
 */
class YearLastDatesUnitTest {

    private static final FieldSpec AT = FieldSpec.of("purchased_at", FieldType.TIMESTAMP).build();
    private static final FieldSpec DAY = FieldSpec.of("born_on", FieldType.DATE).build();
    private static final ParseOptions UNDECLARED = ParseOptions.DEFAULT;
    private static final ParseOptions MDY = new ParseOptions(false, Map.of(), DateOrder.MDY);
    private static final ParseOptions DMY = new ParseOptions(false, Map.of(), DateOrder.DMY);

    @ParameterizedTest(name = "{0} read {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "12/1/2010 8:26          | MDY | 2010-12-01T08:26",
            "12/01/2010 08:26:00     | MDY | 2010-12-01T08:26",
            "01/12/2010 08:26:00     | DMY | 2010-12-01T08:26",
            "1/12/2010 8:26          | DMY | 2010-12-01T08:26",
            "12-01-2010              | MDY | 2010-12-01T00:00",
            "12/1/2010 8:26:05 PM    | MDY | 2010-12-01T20:26:05",
            "12/1/2010 8:26 pm       | MDY | 2010-12-01T20:26",
            "12/1/2010 12:05 AM      | MDY | 2010-12-01T00:05",
            "12/1/2010 12:05 PM      | MDY | 2010-12-01T12:05",
            "12/1/2010 11:59 p.m.    | MDY | 2010-12-01T23:59",
            "1/2/2024 10:11:12.5     | DMY | 2024-02-01T10:11:12.500",
            "2/29/2024 23:59:59      | MDY | 2024-02-29T23:59:59",
            "31.12.2024 14:05        | NONE | 2024-12-31T14:05",
            "1.2.2024                | NONE | 2024-02-01T00:00",
            "1.2.2024                | MDY | 2024-01-02T00:00",
            "2024-03-31 14:05:00     | MDY | 2024-03-31T14:05",
            "2024-03-31 14:05:00     | NONE | 2024-03-31T14:05"})
    void readsTheDateInTheOrderDeclared(String raw, String order, String expected) throws InvalidValue {
        assertThat(ValueParser.parse(AT, raw, options(order))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} read {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "3/31/2024  | MDY  | 2024-03-31",
            "31/3/2024  | DMY  | 2024-03-31",
            "31.03.2024 | NONE | 2024-03-31",
            "2024/03/31 | NONE | 2024-03-31"})
    void readsDatesTheSameWay(String raw, String order, String expected) throws InvalidValue {
        assertThat(ValueParser.parse(DAY, raw, options(order))).isEqualTo(expected);
    }

    @Test
    void undeclaredSlashesAndDashesSayWhichOrderToDeclare() {
        assertThatThrownBy(() -> ValueParser.parse(AT, "12/1/2010 8:26", UNDECLARED))
                .isInstanceOf(InvalidValue.class).hasFieldOrPropertyWithValue("code", "NOT_A_TIMESTAMP")
                .hasMessage("purchased_at '12/1/2010 8:26' writes the year last; is it month/day (as United States"
                        + " spreadsheets write dates) or day/month? declare date_order MDY or DMY for this import");
        assertThatThrownBy(() -> ValueParser.parse(AT, "13-1-2010", UNDECLARED))
                .hasMessage("purchased_at '13-1-2010' writes the year last, day first: declare date_order DMY for"
                        + " this import");
        assertThatThrownBy(() -> ValueParser.parse(AT, "1/13/2010 9:00", UNDECLARED))
                .hasMessage("purchased_at '1/13/2010 9:00' writes the year last, month first: declare date_order MDY"
                        + " for this import");
        assertThatThrownBy(() -> ValueParser.parse(DAY, "1/13/2010", UNDECLARED))
                .isInstanceOf(InvalidValue.class).hasFieldOrPropertyWithValue("code", "NOT_A_DATE");
    }

    @Test
    void aDateImpossibleInTheDeclaredOrderSaysSo() {
        assertThatThrownBy(() -> ValueParser.parse(AT, "13/1/2010 8:26", MDY))
                .isInstanceOf(InvalidValue.class).hasFieldOrPropertyWithValue("code", "NOT_A_TIMESTAMP")
                .hasMessage("purchased_at '13/1/2010 8:26' is no date read month first (date_order MDY)");
        assertThatThrownBy(() -> ValueParser.parse(AT, "2/30/2024", MDY))
                .hasMessage("purchased_at '2/30/2024' is no date read month first (date_order MDY)");
        assertThatThrownBy(() -> ValueParser.parse(AT, "30.2.2024", UNDECLARED))
                .hasMessage("purchased_at '30.2.2024' is no date read day first (date_order DMY)");
    }

    @Test
    void aTwoDigitYearIsRefusedNotGuessed() {
        assertThatThrownBy(() -> ValueParser.parse(AT, "12/1/10 8:26", MDY))
                .isInstanceOf(InvalidValue.class).hasFieldOrPropertyWithValue("code", "NOT_A_TIMESTAMP")
                .hasMessageStartingWith("purchased_at '12/1/10 8:26' has a year of two digits: write it with four");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"12/1/2010 25:00", "12/1/2010 13:00 PM", "12/1/2010 0:30 AM",
            "12/1/2010 8:6", "12/1/2010 8:26:61", "12/1/2010 8:26 XM", "12/1/2010 8", "12/1/20100", "12/1/201",
            "123/1/2010", "12/1.2010", "12//2010", "12/1/2010x"})
    void whatIsNoDateTimeIsTheUsualRowError(String raw) {
        assertThatThrownBy(() -> ValueParser.parse(AT, raw, MDY))
                .isInstanceOf(InvalidValue.class).hasFieldOrPropertyWithValue("code", "NOT_A_TIMESTAMP")
                .hasMessage("purchased_at must be a date-time like 2024-03-31 14:05:00, got '" + raw + "'");
    }

    @Test
    void theOptionIsReadInAnyCaseAndFromTheJobsOptions() {
        assertThat(DateOrder.parse("mdy")).isEqualTo(DateOrder.MDY);
        assertThat(DateOrder.parse(" DMY ")).isEqualTo(DateOrder.DMY);
        assertThat(DateOrder.parse("YMD")).isNull();
        assertThat(DateOrder.parse(null)).isNull();
        com.bulkimport.model.ImportOptions options = com.bulkimport.model.ImportOptions.fromJson(
                "{\"date_order\": \"DMY\", \"decimal_separator\": \",\"}");
        assertThat(ParseOptions.of(options, Map.of())).isEqualTo(new ParseOptions(true, Map.of(), DateOrder.DMY));
        assertThat(options.toJson()).contains("\"date_order\":\"DMY\"");
    }

    private static ParseOptions options(String order) {
        return switch (order) {
            case "MDY" -> MDY;
            case "DMY" -> DMY;
            default -> UNDECLARED;
        };
    }
}
