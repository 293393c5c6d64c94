package com.bulkimport.model.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Numbers as pandas, spreadsheets and people write them (issue 19, task 17). Expected values are written
 * out by hand, rounded half-even (ties to the even digit) where the field's scale is shorter.
 */
class NumbersAsFilesWriteThemUnitTest {

    private static final ParseOptions DOT = ParseOptions.DEFAULT;
    private static final ParseOptions COMMA = new ParseOptions(true);
    private static final FieldSpec LATITUDE = FieldSpec.of("latitude", FieldType.DECIMAL).range("-90", "90").scale(7)
            .build();
    private static final FieldSpec RATING = FieldSpec.of("rating", FieldType.DECIMAL).range("0", "5").scale(2).build();
    private static final FieldSpec PRICE = FieldSpec.of("price", FieldType.DECIMAL).range("-1000000000", "1000000000")
            .scale(4).build();
    private static final FieldSpec VOTES = FieldSpec.of("votes", FieldType.INTEGER).range("0", "2147483647").build();
    private static final FieldSpec QUANTITY = FieldSpec.of("quantity", FieldType.INTEGER).required()
            .range("-1000000", "1000000").build();

    private static String parse(FieldSpec field, String raw, ParseOptions options) throws InvalidValue {
        return ValueParser.parse(field, raw, options);
    }

    private static boolean rounds(FieldSpec field, String raw) throws InvalidValue {
        ValueParser.Notes notes = new ValueParser.Notes();
        ValueParser.parse(field, raw, DOT, notes);
        return notes.rounded;
    }

    @ParameterizedTest
    @CsvSource({"40.814460625261,40.8144606", "-73.94936656951904,-73.9493666", "14.53133333,14.5313333",
            "0.00000005,0", "0.00000015,0.0000002", "-0.00000005,0", "4.0814460625261E1,40.8144606",
            "1.5e-9,0", "40.7,40.7", "40.71234560000000,40.7123456"})
    void floatsAreRoundedHalfEvenToTheFieldsScale(String raw, String stored) throws InvalidValue {
        assertThat(parse(LATITUDE, raw, DOT)).isEqualTo(stored);
    }

    /** Excel's accounting formats show a negative amount in parentheses; SAP exports put the minus last. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"(1,234.56)|-1234.56", "( 27.50 )|-27.5", "(0.00)|0", "27.50-|-27.5",
            "1,234.56-|-1234.56", "12\u2212|-12", "(1e3)|-1000"})
    void negativesInParenthesesOrWithTheMinusLastAreNegative(String raw, String stored) throws InvalidValue {
        assertThat(parse(PRICE, raw, DOT)).isEqualTo(stored);
    }

    @Test
    void negativesWrittenTheseWaysReadInEveryKindOfNumberField() throws InvalidValue {
        assertThat(parse(QUANTITY, "(6)", DOT)).isEqualTo("-6");
        assertThat(parse(QUANTITY, "1.200-", COMMA)).isEqualTo("-1200");
        assertThat(parse(PRICE, "1.234,50-", COMMA)).isEqualTo("-1234.5");
        assertThat(parse(PRICE, "(1.234,50)", COMMA)).isEqualTo("-1234.5");
        assertThatThrownBy(() -> parse(VOTES, "(6)", DOT)).hasMessage("votes must be at least 0, got -6");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"(-5)", "(+5)", "-5-", "(5", "5)", "()", "( )", "--", "(5)-", "5--", "-"})
    void aSignTwiceOrAnOpenParenthesisIsNoNumber(String raw) {
        assertThatThrownBy(() -> parse(PRICE, raw, DOT)).isInstanceOf(InvalidValue.class)
                .hasFieldOrPropertyWithValue("code", "NOT_A_NUMBER");
    }

    @ParameterizedTest
    @CsvSource({"0.30000000000000004,0.3", "2.345,2.34", "2.355,2.36", "4.999,5", "3.6666666666666665,3.67"})
    void ratingsKeepTwoPlaces(String raw, String stored) throws InvalidValue {
        assertThat(parse(RATING, raw, DOT)).isEqualTo(stored);
    }

    @Test
    void roundingIsToldOnlyWhenTheValueChanged() throws InvalidValue {
        assertThat(rounds(LATITUDE, "40.814460625261")).isTrue();
        assertThat(rounds(LATITUDE, "40.81446060000")).as("trailing zeros lose nothing").isFalse();
        assertThat(rounds(LATITUDE, "40.8144606")).isFalse();
        assertThat(rounds(PRICE, "19.99")).isFalse();
        assertThat(rounds(PRICE, "19.99001")).isTrue();
    }

    @Test
    void theRangeIsCheckedOnTheStoredValue() {
        assertThat(code(RATING, "5.004", DOT)).isEqualTo("OK");
        assertThat(code(RATING, "5.005", DOT)).as("5.005 rounds half-even to 5.00").isEqualTo("OK");
        assertThat(code(RATING, "5.0051", DOT)).isEqualTo("OUT_OF_RANGE");
        assertThat(code(LATITUDE, "90.00000004", DOT)).isEqualTo("OK");
        assertThat(code(LATITUDE, "1e400", DOT)).isEqualTo("OUT_OF_RANGE");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"3.0|3", "3.000|3", "-0.0|0", "+7|7", "  12  |12", "1,200|1200",
            "1,234,567|1234567", "12,34,567|1234567", "1e3|1000", "2.5E2|250", "'1 200'|1200"})
    void wholeNumbersWrittenAsFloatsOrWithSeparatorsAreAccepted(String raw, String stored) throws InvalidValue {
        assertThat(parse(VOTES, raw, DOT)).isEqualTo(stored);
    }

    @Test
    void aWholeNumbersFractionIsRefusedNeverRounded() {
        assertThatThrownBy(() -> parse(VOTES, "3.5", DOT)).isInstanceOf(InvalidValue.class)
                .hasMessage("votes must be a whole number, got '3.5'");
        assertThat(code(VOTES, "1.200", COMMA)).as("a thousands dot with decimal comma").isEqualTo("OK");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1,234,567.891|1234567.891", "1 234.5|1234.5", "1\u00a0234.5|1234.5",
            "1'234.50|1234.5", "1\u2019234.5|1234.5", "12,34,567.25|1234567.25", "+2.5|2.5", "\u22122.5|-2.5",
            "\u00a0 2.5\u202f|2.5", ".5|0.5", "5.|5", "1.5E3|1500", "1e-2|0.01"})
    void separatorsSignsSpacesAndExponentsWithADecimalPoint(String raw, String stored) throws InvalidValue {
        assertThat(parse(PRICE, raw, DOT)).isEqualTo(stored);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1.234.567,89|1234567.89", "1 234,5|1234.5", "1\u202f234,5|1234.5",
            "1\u00a0234,5|1234.5", "4,5|4.5", "1,5E3|1500", "-0,25|-0.25", "1.234|1234"})
    void separatorsWithADecimalComma(String raw, String stored) throws InvalidValue {
        assertThat(parse(PRICE, raw, COMMA)).isEqualTo(stored);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1,23", "1,2345", "12,34", "1,234 567", "1,,234", ",123", "1.234.567",
            "--5", "1e", "e5", "1_000", "0x10", "١٢"})
    void malformedNumbersAreRefused(String raw) {
        assertThat(code(PRICE, raw, DOT)).isEqualTo("NOT_A_NUMBER");
    }

    @Test
    void aCommaDecimalInADotFileNamesTheOption() {
        assertThatThrownBy(() -> parse(PRICE, "12,5", DOT)).hasMessage("price must be a number, got '12,5'"
                + " (it uses ',' as decimal separator; declare decimal_separator ',' for this import)");
        assertThatThrownBy(() -> parse(PRICE, "12.5", COMMA)).hasMessage("price must be a number, got '12.5'"
                + " (it uses '.' as decimal separator, but this import declares decimal_separator ',')");
    }

    @Test
    void percentagesCurrenciesSpreadsheetErrorsAndInfinitiesSayWhatTheyAre() {
        assertThatThrownBy(() -> parse(RATING, "45%", DOT)).hasMessage("rating '45%' is a percentage;"
                + " no field takes percentages: give the number itself (without %)");
        assertThatThrownBy(() -> parse(PRICE, "$12.50", DOT)).hasMessage("price '$12.50' has a currency symbol;"
                + " give the amount alone (the currency has a column of its own)");
        assertThatThrownBy(() -> parse(PRICE, "12,50 \u20ac", COMMA)).hasMessageContaining("has a currency symbol");
        assertThat(code(PRICE, "#DIV/0!", DOT)).isEqualTo("SPREADSHEET_ERROR");
        assertThat(code(VOTES, "#N/A", DOT)).isEqualTo("SPREADSHEET_ERROR");
        assertThatThrownBy(() -> parse(PRICE, "#VALUE!", DOT)).hasMessage("price holds the spreadsheet error"
                + " '#VALUE!': a formula failed in the sheet this file was exported from; fix it there and export again");
        assertThatThrownBy(() -> parse(LATITUDE, "-inf", DOT)).hasMessage("latitude must be a finite number, got '-inf'");
        assertThat(code(VOTES, "Infinity", DOT)).isEqualTo("NOT_AN_INTEGER");
    }

    @Test
    void nanIsHowPandasWritesNoValue() throws InvalidValue {
        assertThat(parse(LATITUDE, "NaN", DOT)).isNull();
        assertThat(parse(VOTES, " nan ", DOT)).isNull();
        assertThatThrownBy(() -> parse(QUANTITY, "NaN", DOT)).hasMessage("quantity is required");
    }

    @Test
    void barcodesKeepRefusingScientificNotation() {
        FieldSpec barcode = FieldSpec.of("barcode", FieldType.GTIN).build();
        assertThat(code(barcode, "8.02E+12", DOT)).isEqualTo("BARCODE_SCIENTIFIC_NOTATION");
        assertThat(code(barcode, "4,006,381,333,931", DOT)).isEqualTo("BARCODE_NOT_DIGITS");
        FieldSpec ref = FieldSpec.of("external_id", FieldType.TEXT).build();
        assertThat(code(ref, "1e3", DOT)).as("identifiers are text, kept as written").isEqualTo("OK:1e3");
    }

    @Test
    void everyDecimalFieldKeepsTheScaleChosenForIt() {
        Map<String, Integer> scales = new java.util.TreeMap<>();
        for (com.bulkimport.model.ImportKind kind : com.bulkimport.model.ImportKind.values()) {
            KindSpecs.find(kind).ifPresent(spec -> spec.fields().stream().filter(f -> f.type() == FieldType.DECIMAL)
                    .forEach(f -> scales.put(kind.wireName() + "." + f.name(), f.scale())));
        }
        assertThat(scales).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of(
                "restaurants.latitude", 7, "restaurants.longitude", 7, "restaurants.average_cost_for_two", 4,
                "restaurants.rating", 2, "dishes.price", 4, "products.weight", 3, "purchases.unit_price", 4,
                "inventory.price", 4)));
    }

    @Test
    void decimalFieldsMustDeclareTheirScale() {
        assertThatThrownBy(() -> FieldSpec.of("x", FieldType.DECIMAL).build())
                .hasMessage("decimal field x must declare its scale (0..20), got null");
        assertThatThrownBy(() -> FieldSpec.of("x", FieldType.INTEGER).scale(2).build())
                .hasMessage("only decimal fields have a scale; x is INTEGER");
    }

    @Test
    void theValidatorCountsRoundedValuesOfValidRowsPerColumn() {
        KindSpec spec = KindSpecs.get(com.bulkimport.model.ImportKind.RESTAURANTS);
        List<String> header = List.of("Restaurant ID", "Restaurant Name", "Latitude", "Longitude", "Aggregate rating");
        RowValidator validator = new RowValidator(ColumnMapping.resolve(spec, header, Map.of()), DOT, header.size());

        assertThat(validator.validate(List.of("1", "A", "40.814460625261", "-73.9", "4.5")).valid()).isTrue();
        assertThat(validator.validate(List.of("2", "B", "40.81446", "-73.94936656951904", "4.55555")).valid()).isTrue();
        assertThat(validator.validate(List.of("3", "", "40.814460625261", "-73.94936656951904", "4")).valid())
                .as("a refused row stores nothing, so rounds nothing").isFalse();
        assertThat(validator.validate(List.of("4", "D", "1.123456789", "1", "1")).valid()).isTrue();

        assertThat(validator.takeRounded()).extracting(r -> r.source(), r -> r.field().name(), RoundedValues::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Latitude", "latitude", 2L),
                        org.assertj.core.groups.Tuple.tuple("Longitude", "longitude", 1L),
                        org.assertj.core.groups.Tuple.tuple("Aggregate rating", "rating", 1L));
        assertThat(validator.takeRounded()).as("taken once").isEmpty();
    }

    @Test
    void oneWarningPerColumnWhoseCountAddsUpAcrossChunks() {
        FieldSpec longitude = FieldSpec.of("longitude", FieldType.DECIMAL).scale(7).build();
        List<String> first = RoundedValues.merge(List.of("column 'Locality Verbose' is not imported"),
                List.of(new RoundedValues("Latitude", LATITUDE, 1), new RoundedValues("Longitude", longitude, 999)),
                "column");
        assertThat(first).containsExactly("column 'Locality Verbose' is not imported",
                "column 'Latitude' (latitude): 1 value rounded to 7 decimal places",
                "column 'Longitude' (longitude): 999 values rounded to 7 decimal places");

        List<String> second = RoundedValues.merge(first, List.of(new RoundedValues("Longitude", longitude, 7_766),
                new RoundedValues(null, RATING, 2)), "column");
        assertThat(second).containsExactly("column 'Locality Verbose' is not imported",
                "column 'Latitude' (latitude): 1 value rounded to 7 decimal places",
                "column 'Longitude' (longitude): 8,765 values rounded to 7 decimal places",
                "the default of rating: 2 values rounded to 2 decimal places");
    }

    private static String code(FieldSpec field, String raw, ParseOptions options) {
        try {
            String value = ValueParser.parse(field, raw, options);
            return field.type() == FieldType.TEXT ? "OK:" + value : "OK";
        } catch (InvalidValue e) {
            return e.code();
        }
    }
}
