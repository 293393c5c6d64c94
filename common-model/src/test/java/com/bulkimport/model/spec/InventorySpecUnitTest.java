package com.bulkimport.model.spec;

import com.bulkimport.model.ImportKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The inventory kind: the headers stock exports use, sku or barcode, a quantity that is a whole number of at
 * least 0, a price read as every other decimal is, an ISO 4217 currency and a required updated_at.
 */
class InventorySpecUnitTest {

    private final KindSpec inventory = KindSpecs.get(ImportKind.INVENTORY);
    private final List<String> header = List.of("store_ref", "sku", "barcode", "quantity", "price", "currency",
            "updated_at");

    @Test
    void headersOfStockExportsFindTheirFields() {
        ColumnMapping mapping = ColumnMapping.resolve(inventory, List.of("Store ID", "Item Code", "EAN", "On Hand",
                "Unit Price", "Currency Code", "Last Updated", "Aisle"), Map.of());

        assertThat(mapping.mapped()).containsExactly(Map.entry("Store ID", "store_ref"), Map.entry("Item Code", "sku"),
                Map.entry("EAN", "barcode"), Map.entry("On Hand", "quantity"), Map.entry("Unit Price", "price"),
                Map.entry("Currency Code", "currency"), Map.entry("Last Updated", "updated_at"));
        assertThat(mapping.unmatchedHeaders()).containsExactly("Aisle");
        assertThat(ColumnMapping.resolve(inventory, List.of("sku", "price"), Map.of()).missingRequired())
                .containsExactly("store_ref", "quantity", "updated_at");
        assertThat(inventory.kind().recordName()).isEqualTo("inventory");
    }

    @Test
    void numbersAreReadAsEveryKindReadsThem() {
        RowValidator validator = validator(false);

        RowValidator.Result good = validator.validate(List.of("S1", "RICE-1KG", "", "1,200", "3.4999999", "eur",
                "2024-03-31 14:05"));
        assertThat(good.problems()).isEmpty();
        assertThat(good.values()).containsExactly("S1", "RICE-1KG", null, "1200", "3.5", "EUR", "2024-03-31T14:05");
        assertThat(validator.validate(List.of("S1", "A", "", "24.0", "1e2", "USD", "2024-03-31T14:05:00+02:00"))
                .values()).containsExactly("S1", "A", null, "24", "100", "USD", "2024-03-31T14:05+02:00");
        assertThat(validator(true).validate(List.of("S1", "A", "", "1.200", "3,49", "INR", "2024-03-31"))
                .values()).containsExactly("S1", "A", null, "1200", "3.49", "INR", "2024-03-31T00:00");
    }

    @Test
    void badValuesAreRowProblemsNamingTheirColumn() {
        RowValidator validator = validator(false);

        assertThat(validator.validate(List.of("S1", "A", "", "-1", "-0.01", "EURO", "yesterday")).problems())
                .extracting(FieldProblem::column, FieldProblem::code, FieldProblem::message)
                .containsExactly(
                        tuple("quantity", "OUT_OF_RANGE", "quantity must be at least 0, got -1"),
                        tuple("price", "OUT_OF_RANGE", "price must be at least 0, got -0.01"),
                        tuple("currency", "NOT_A_CURRENCY",
                                "currency must be an ISO 4217 code of three letters, like EUR, got 'EURO'"),
                        tuple("updated_at", "NOT_A_TIMESTAMP",
                                "updated_at must be a date-time like 2024-03-31 14:05:00, got 'yesterday'"));
        assertThat(validator.validate(List.of("S1", "A", "", "2.5", "", "XYZ", "2024-03-31")).problems())
                .extracting(FieldProblem::column, FieldProblem::code, FieldProblem::message)
                .containsExactly(tuple("quantity", "NOT_AN_INTEGER", "quantity must be a whole number, got '2.5'"),
                        tuple("currency", "NOT_A_CURRENCY", "currency 'XYZ' is no ISO 4217 currency code"));
        assertThat(validator.validate(List.of("S1", "", "", "3", "", "", "")).problems())
                .extracting(FieldProblem::column, FieldProblem::code, FieldProblem::message)
                .containsExactly(tuple("updated_at", "REQUIRED", "updated_at is required"),
                        tuple("sku", "REQUIRED", "sku or barcode is required: give at least one"));
        // a barcode refused for itself is not also missing
        assertThat(validator.validate(List.of("S1", "", "12345", "3", "", "", "2024-03-31")).problems())
                .extracting(FieldProblem::column, FieldProblem::code).containsExactly(tuple("barcode", "BARCODE_LENGTH"));
        assertThat(validator.validate(List.of("S1", "", "8901030875397", "3", "", "", "2024-03-31")).valid()).isTrue();
    }

    private RowValidator validator(boolean decimalComma) {
        return new RowValidator(ColumnMapping.resolve(inventory, header, Map.of()), new ParseOptions(decimalComma),
                header.size());
    }
}
