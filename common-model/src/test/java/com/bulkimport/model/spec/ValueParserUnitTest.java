package com.bulkimport.model.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueParserUnitTest {

    private static final ParseOptions DOT = ParseOptions.DEFAULT;
    private static final ParseOptions COMMA = new ParseOptions(true);

    private static FieldSpec field(FieldType type) {
        FieldSpec.Builder field = FieldSpec.of("f", type);
        return (type == FieldType.DECIMAL ? field.scale(10) : field).build();
    }

    private static String code(FieldSpec field, String raw, ParseOptions options) {
        try {
            ValueParser.parse(field, raw, options);
            return "OK";
        } catch (InvalidValue e) {
            return e.code();
        }
    }

    @Test
    void trimsTextAndTreatsBlankAsNull() throws InvalidValue {
        assertThat(ValueParser.parse(field(FieldType.TEXT), "  Cafe  ", DOT)).isEqualTo("Cafe");
        assertThat(ValueParser.parse(field(FieldType.TEXT), "   ", DOT)).isNull();
        assertThat(ValueParser.parse(field(FieldType.TEXT), null, DOT)).isNull();
    }

    @Test
    void requiredFieldsRefuseBlanks() {
        FieldSpec name = FieldSpec.of("name", FieldType.TEXT).required().build();
        assertThatThrownBy(() -> ValueParser.parse(name, " ", DOT))
                .isInstanceOf(InvalidValue.class).hasMessage("name is required");
    }

    @Test
    void textLongerThanTheLimitIsRefused() {
        FieldSpec shortText = FieldSpec.of("code", FieldType.TEXT).maxLength(3).build();
        assertThat(code(shortText, "abcd", DOT)).isEqualTo("TOO_LONG");
        assertThat(code(shortText, "abc", DOT)).isEqualTo("OK");
    }

    @Test
    void nulCharactersAreRowErrorsNotCrashes() {
        assertThat(code(field(FieldType.TEXT), "a\0b", DOT)).isEqualTo("INVALID_CHARACTER");
    }

    @ParameterizedTest
    @CsvSource({"4.5,4.5", "4.50,4.5", "-15.83716667,-15.83716667", "0,0", "1e3,1000", ".5,0.5", "+2,2"})
    void decimalsWithDots(String raw, String canonical) throws InvalidValue {
        assertThat(ValueParser.parse(field(FieldType.DECIMAL), raw, DOT)).isEqualTo(canonical);
    }

    @Test
    void decimalCommaOnlyWhenDeclared() throws InvalidValue {
        assertThat(code(field(FieldType.DECIMAL), "4,5", DOT)).isEqualTo("NOT_A_NUMBER");
        assertThat(ValueParser.parse(field(FieldType.DECIMAL), "4,5", COMMA)).isEqualTo("4.5");
        assertThat(code(field(FieldType.DECIMAL), "4.5", COMMA)).isEqualTo("NOT_A_NUMBER");
    }

    @Test
    void rangesAreInclusive() {
        FieldSpec rating = FieldSpec.of("rating", FieldType.DECIMAL).range("0", "5").scale(2).build();
        assertThat(code(rating, "5", DOT)).isEqualTo("OK");
        assertThat(code(rating, "0", DOT)).isEqualTo("OK");
        assertThat(code(rating, "5.01", DOT)).isEqualTo("OUT_OF_RANGE");
        assertThat(code(rating, "-0.1", DOT)).isEqualTo("OUT_OF_RANGE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12.5", "abc", "1,5", "3.000001", "1e-1", "1.200"})
    void integersAreWholeNumbersOnly(String raw) {
        assertThat(code(field(FieldType.INTEGER), raw, DOT)).isEqualTo("NOT_AN_INTEGER");
    }

    @Test
    void integersBeyondEighteenDigitsAreOutOfRange() {
        assertThat(code(field(FieldType.INTEGER), "99999999999999999999", DOT)).isEqualTo("OUT_OF_RANGE");
    }

    /**
     * A cell of five million digits matches every digits-only pattern; BigDecimal would take minutes over it.
     * It is refused by its length before anything parses it (the timeout only keeps a regression from
     * hanging the build: the refusal takes microseconds).
     */
    @ParameterizedTest
    @ValueSource(strings = {"DECIMAL", "INTEGER"})
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void numbersOfMillionsOfDigitsAreRefusedUnread(String type) {
        String digits = "7".repeat(5_000_000);
        for (String cell : new String[] {digits, "0." + digits, "-" + digits + ".5", "1e" + digits}) {
            for (ParseOptions options : new ParseOptions[] {DOT, COMMA}) {
                assertThatThrownBy(() -> ValueParser.parse(field(FieldType.valueOf(type)), cell, options))
                        .isInstanceOf(InvalidValue.class)
                        .hasMessage("f is " + String.format(java.util.Locale.ROOT, "%,d", cell.length())
                                + " characters long; a number may have at most 40 significant digits"
                                + " (64 characters with its sign, separators and exponent)")
                        .extracting(e -> ((InvalidValue) e).code()).isEqualTo("TOO_MANY_DIGITS");
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"Yes,t", "no,f", "TRUE,t", "false,f", "1,t", "0,f", "Y,t", "n,f", "WAHR,t", "FALSCH,f", "VRAI,t",
            "FAUX,f", "VERDADERO,t", "Falso,f", "WAAR,t", "ONWAAR,f", "PRAWDA,t", "FAŁSZ,f", "ИСТИНА,t", "ЛОЖЬ,f",
            "Ja,t", "Nein,f", "oui,t", "non,f", "Sí,t", "não,f"})
    void booleansInTheirCommonSpellingsAndASpreadsheetsLanguages(String raw, String canonical) throws InvalidValue {
        assertThat(ValueParser.parse(field(FieldType.BOOLEAN), raw, DOT)).isEqualTo(canonical);
    }

    @Test
    void otherBooleanSpellingsAreRefused() {
        assertThat(code(field(FieldType.BOOLEAN), "maybe", DOT)).isEqualTo("NOT_A_BOOLEAN");
    }

    @ParameterizedTest
    @CsvSource({"2024-03-31,2024-03-31", "2024/03/31,2024-03-31", "31.03.2024,2024-03-31"})
    void datesInIsoAndCommonFormats(String raw, String iso) throws InvalidValue {
        assertThat(ValueParser.parse(field(FieldType.DATE), raw, DOT)).isEqualTo(iso);
    }

    @Test
    void impossibleDatesAreRefused() {
        assertThat(code(field(FieldType.DATE), "2024-02-30", DOT)).isEqualTo("NOT_A_DATE");
        assertThat(code(field(FieldType.DATE), "yesterday", DOT)).isEqualTo("NOT_A_DATE");
    }

    @Test
    void timestampsFromSparkAndIso() throws InvalidValue {
        assertThat(ValueParser.parse(field(FieldType.TIMESTAMP), "2010-12-01 08:26:00", DOT))
                .isEqualTo("2010-12-01T08:26");
        assertThat(ValueParser.parse(field(FieldType.TIMESTAMP), "2010-12-01T08:26:00+01:00", DOT))
                .isEqualTo("2010-12-01T08:26+01:00");
    }

    @ParameterizedTest
    @ValueSource(strings = {"4006381333931", "036000291452", "96385074", "00012345678905", "0019320001376"})
    void validGtinsKeepTheirLeadingZeros(String barcode) throws InvalidValue {
        assertThat(ValueParser.parse(field(FieldType.GTIN), barcode, DOT)).isEqualTo(barcode);
    }

    @ParameterizedTest
    @CsvSource({"'8,02E+12',BARCODE_SCIENTIFIC_NOTATION", "8.02E+12,BARCODE_SCIENTIFIC_NOTATION",
            "4006381333932,BARCODE_CHECK_DIGIT", "12345,BARCODE_LENGTH", "00000000001111111111,BARCODE_LENGTH",
            "40063813-3393,BARCODE_NOT_DIGITS"})
    void brokenBarcodesSayWhy(String raw, String expectedCode) {
        assertThat(code(field(FieldType.GTIN), raw, DOT)).isEqualTo(expectedCode);
    }

    @Test
    void scientificNotationMessageBlamesTheSpreadsheet() {
        assertThatThrownBy(() -> ValueParser.parse(field(FieldType.GTIN), "8,02E+12", DOT))
                .hasMessageContaining("spreadsheet");
    }

    @Test
    void emailsAndUrls() throws InvalidValue {
        assertThat(ValueParser.parse(field(FieldType.EMAIL), "Ann@Example.COM", DOT)).isEqualTo("ann@example.com");
        assertThat(code(field(FieldType.EMAIL), "ann@", DOT)).isEqualTo("NOT_AN_EMAIL");
        assertThat(code(field(FieldType.URL), "https://img.example/a.jpg", DOT)).isEqualTo("OK");
        assertThat(code(field(FieldType.URL), "javascript:alert(1)", DOT)).isEqualTo("NOT_A_URL");
    }
}
