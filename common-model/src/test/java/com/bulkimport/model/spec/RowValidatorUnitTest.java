package com.bulkimport.model.spec;

import com.bulkimport.model.ImportKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RowValidatorUnitTest {

    private final KindSpec spec = KindSpecs.get(ImportKind.RESTAURANTS);
    private final List<String> header = List.of("id", "name", "rating", "votes");
    private final RowValidator validator = new RowValidator(ColumnMapping.resolve(spec, header, Map.of()),
            ParseOptions.DEFAULT, header.size());

    @Test
    void typesEveryMappedValueAndLeavesTheRestNull() {
        RowValidator.Result result = validator.validate(List.of("R1", " Sol ", "4.50", "12"));
        assertThat(result.valid()).isTrue();
        assertThat(result.values()[spec.indexOf("external_id")]).isEqualTo("R1");
        assertThat(result.values()[spec.indexOf("name")]).isEqualTo("Sol");
        assertThat(result.values()[spec.indexOf("rating")]).isEqualTo("4.5");
        assertThat(result.values()[spec.indexOf("votes")]).isEqualTo("12");
        assertThat(result.values()[spec.indexOf("city")]).isNull();
    }

    @Test
    void reportsEveryProblemOfTheRow() {
        RowValidator.Result result = validator.validate(List.of("R1", "", "9", "many"));
        assertThat(result.problems()).extracting(FieldProblem::column, FieldProblem::code).containsExactly(
                org.assertj.core.groups.Tuple.tuple("name", "REQUIRED"),
                org.assertj.core.groups.Tuple.tuple("rating", "OUT_OF_RANGE"),
                org.assertj.core.groups.Tuple.tuple("votes", "NOT_AN_INTEGER"));
    }

    @Test
    void raggedRowsAreRowErrors() {
        assertThat(validator.validate(List.of("R1", "Sol")).problems())
                .extracting(FieldProblem::code).containsExactly("TOO_FEW_FIELDS");
        assertThat(validator.validate(List.of("R1", "Sol", "1", "2", "extra")).problems())
                .extracting(FieldProblem::code).containsExactly("TOO_MANY_FIELDS");
    }
}
