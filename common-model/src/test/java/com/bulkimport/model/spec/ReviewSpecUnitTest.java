package com.bulkimport.model.spec;

import com.bulkimport.model.ImportKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** The reviews kind: the headers review exports use, and a rating that is a whole number of stars, 1 to 5. */
class ReviewSpecUnitTest {

    private final KindSpec reviews = KindSpecs.get(ImportKind.REVIEWS);

    @Test
    void headersOfReviewExportsFindTheirFields() {
        ColumnMapping mapping = ColumnMapping.resolve(reviews, List.of("Review ID", "Restaurant ID", "Reviewer",
                "Stars", "Headline", "Comment", "Date", "Helpful votes"), Map.of());

        assertThat(mapping.mapped()).containsExactly(Map.entry("Review ID", "review_ref"),
                Map.entry("Restaurant ID", "restaurant_external_id"), Map.entry("Reviewer", "author"),
                Map.entry("Stars", "rating"), Map.entry("Headline", "title"), Map.entry("Comment", "text"),
                Map.entry("Date", "reviewed_at"));
        assertThat(mapping.unmatchedHeaders()).containsExactly("Helpful votes");
        assertThat(mapping.missingRequired()).isEmpty();

        assertThat(ColumnMapping.resolve(reviews, List.of("ReviewId", "RestaurantRef", "Score", "Body"), Map.of())
                .mapped().values()).containsExactly("review_ref", "restaurant_external_id", "rating", "text");
        assertThat(ColumnMapping.resolve(reviews, List.of("Restaurant ID", "Body"), Map.of()).missingRequired())
                .containsExactly("review_ref", "rating");
    }

    @Test
    void aRatingIsAWholeNumberOfStarsFromOneToFive() {
        List<String> header = List.of("review_ref", "restaurant_external_id", "rating", "reviewed_at");
        RowValidator validator = new RowValidator(ColumnMapping.resolve(reviews, header, Map.of()),
                ParseOptions.DEFAULT, header.size());

        RowValidator.Result good = validator.validate(List.of("RV1", "R1", "4.0", "2024-03-31 14:05"));
        assertThat(good.valid()).isTrue();
        assertThat(good.values()[reviews.indexOf("rating")]).isEqualTo("4");
        assertThat(good.values()[reviews.indexOf("reviewed_at")]).isEqualTo("2024-03-31T14:05");

        assertThat(validator.validate(List.of("RV1", "R1", "0", "")).problems())
                .extracting(FieldProblem::column, FieldProblem::code, FieldProblem::message)
                .containsExactly(tuple("rating", "OUT_OF_RANGE", "rating must be at least 1, got 0"));
        assertThat(validator.validate(List.of("RV1", "R1", "6", "")).problems())
                .extracting(FieldProblem::column, FieldProblem::code, FieldProblem::message)
                .containsExactly(tuple("rating", "OUT_OF_RANGE", "rating must be at most 5, got 6"));
        assertThat(validator.validate(List.of("RV1", "R1", "4.5", "")).problems())
                .extracting(FieldProblem::code).containsExactly("NOT_AN_INTEGER");
        assertThat(validator.validate(List.of("RV1", "R1", "five", "")).problems())
                .extracting(FieldProblem::column, FieldProblem::code).containsExactly(tuple("rating", "NOT_AN_INTEGER"));
        assertThat(validator.validate(List.of("", "R1", "", "yesterday")).problems())
                .extracting(FieldProblem::column, FieldProblem::code).containsExactly(
                        tuple("review_ref", "REQUIRED"), tuple("rating", "REQUIRED"),
                        tuple("reviewed_at", "NOT_A_TIMESTAMP"));
    }
}
