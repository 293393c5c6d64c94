package com.bulkimport.model.spec;

import com.bulkimport.model.ImportKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ColumnMappingUnitTest {

    private final KindSpec restaurants = KindSpecs.get(ImportKind.RESTAURANTS);

    @Test
    void matchesHeadersByNameAndAliasIgnoringCaseAndSpacing() {
        ColumnMapping mapping = ColumnMapping.resolve(restaurants,
                List.of("Restaurant ID", "Restaurant Name", "CITY", "Aggregate rating", "Rating color"), Map.of());

        assertThat(mapping.mapped()).containsExactly(Map.entry("Restaurant ID", "external_id"),
                Map.entry("Restaurant Name", "name"), Map.entry("CITY", "city"), Map.entry("Aggregate rating", "rating"));
        assertThat(mapping.unmatchedHeaders()).containsExactly("Rating color");
        assertThat(mapping.missingRequired()).isEmpty();
        assertThat(mapping.columnOfField()[restaurants.indexOf("name")]).isEqualTo(1);
    }

    @Test
    void explicitMappingWinsAndCanIgnoreAColumn() {
        ColumnMapping mapping = ColumnMapping.resolve(restaurants, List.of("Title", "City", "Name"),
                Map.of("Title", "name", "Name", ""));

        assertThat(mapping.mapped()).containsExactly(Map.entry("Title", "name"), Map.entry("City", "city"));
        // ignored on purpose: not imported, and no warning about it
        assertThat(mapping.unmatchedHeaders()).isEmpty();
        assertThat(mapping.ignoredHeaders()).containsExactly("Name");
        assertThat(mapping.matchedBy()).containsExactly(Map.entry("Title", ColumnMapping.MatchedBy.EXPLICIT),
                Map.entry("City", ColumnMapping.MatchedBy.EXACT));
    }

    @Test
    void saysHowEachColumnWasMatched() {
        ColumnMapping mapping = ColumnMapping.resolve(restaurants, List.of("Name", "Town", "Rating color"), Map.of());

        assertThat(mapping.matchedBy()).containsExactly(Map.entry("Name", ColumnMapping.MatchedBy.EXACT),
                Map.entry("Town", ColumnMapping.MatchedBy.ALIAS));
        assertThat(mapping.unmatchedHeaders()).containsExactly("Rating color");
    }

    @Test
    void similarNamesAreGuessedOnlyWhenOneFieldIsClearlyMeant() {
        KindSpec customers = KindSpecs.get(com.bulkimport.model.ImportKind.CUSTOMERS);
        // a typing mistake or two
        assertThat(SimilarNames.field(restaurants, "Restuarant Name", java.util.Set.of())).isEqualTo("name");
        assertThat(SimilarNames.field(customers, "emial", java.util.Set.of())).isEqualTo("email");
        // the field's name, word for word, in a longer header
        assertThat(SimilarNames.field(customers, "Home Phone Number", java.util.Set.of())).isEqualTo("phone");
        // a field another column feeds already is not proposed twice
        assertThat(SimilarNames.field(restaurants, "Rating color", java.util.Set.of("rating"))).isNull();
        // nothing like any field, or too short to tell
        assertThat(SimilarNames.field(restaurants, "Switch to order menu", java.util.Set.of())).isNull();
        assertThat(SimilarNames.field(restaurants, "nm", java.util.Set.of())).isNull();
    }

    @Test
    void reportsMissingRequiredFieldsAndBadExplicitEntries() {
        ColumnMapping mapping = ColumnMapping.resolve(restaurants, List.of("City"),
                Map.of("Nope", "name", "City", "town_hall"));

        assertThat(mapping.missingRequired()).containsExactly("name");
        assertThat(mapping.problems()).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("unknown field 'town_hall'"))
                .anySatisfy(p -> assertThat(p).contains("header 'Nope', which the file does not have"));
        assertThat(mapping.usable()).isFalse();
    }

    @Test
    void theFirstColumnFeedingAFieldWins() {
        ColumnMapping mapping = ColumnMapping.resolve(restaurants, List.of("name", "Restaurant Name"), Map.of());
        assertThat(mapping.columnOfField()[restaurants.indexOf("name")]).isZero();
        assertThat(mapping.unmatchedHeaders()).containsExactly("Restaurant Name");
    }
}
