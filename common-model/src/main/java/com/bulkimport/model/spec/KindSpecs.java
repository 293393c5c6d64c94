package com.bulkimport.model.spec;

import com.bulkimport.model.ImportKind;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import static com.bulkimport.model.spec.FieldType.BOOLEAN;
import static com.bulkimport.model.spec.FieldType.DECIMAL;
import static com.bulkimport.model.spec.FieldType.INTEGER;
import static com.bulkimport.model.spec.FieldType.TEXT;

/** The column spec of every import kind. Templates, header matching and validation all read from here. */
public final class KindSpecs {

    private static final Map<ImportKind, KindSpec> SPECS = new EnumMap<>(ImportKind.class);

    static {
        SPECS.put(ImportKind.RESTAURANTS, restaurants());
    }

    private KindSpecs() {
    }

    public static Optional<KindSpec> find(ImportKind kind) {
        return Optional.ofNullable(SPECS.get(kind));
    }

    public static KindSpec get(ImportKind kind) {
        return find(kind).orElseThrow(() -> new IllegalArgumentException("no column spec for " + kind));
    }

    public static boolean supports(ImportKind kind) {
        return SPECS.containsKey(kind);
    }

    private static KindSpec restaurants() {
        return new KindSpec(ImportKind.RESTAURANTS,
                "Restaurants, matched by external_id, else by normalized name + address + city", java.util.List.of(
                FieldSpec.of("external_id", TEXT).maxLength(200)
                        .description("Your id for the restaurant; the match key when present")
                        .aliases("id", "restaurant_id", "restaurant_ref").example("R-1001").build(),
                FieldSpec.of("name", TEXT).required().maxLength(500)
                        .description("Restaurant name").aliases("restaurant_name", "restaurant").example("Cafe Sol").build(),
                FieldSpec.of("address", TEXT).maxLength(1000)
                        .description("Street address; may span lines").aliases("street", "street_address")
                        .example("12 Market St").build(),
                FieldSpec.of("locality", TEXT).maxLength(300)
                        .description("Neighbourhood or district").aliases("neighbourhood", "neighborhood", "district")
                        .example("Old Town").build(),
                FieldSpec.of("city", TEXT).maxLength(200).description("City").aliases("town").example("Lisbon").build(),
                FieldSpec.of("country_code", TEXT).maxLength(10)
                        .description("Country code as given by the source").aliases("country").example("PT").build(),
                FieldSpec.of("cuisines", TEXT).maxLength(1000)
                        .description("Comma-separated cuisines").aliases("cuisine", "cuisine_type")
                        .example("Portuguese, Seafood").build(),
                FieldSpec.of("latitude", DECIMAL).range("-90", "90")
                        .description("WGS84 latitude").aliases("lat").example("38.7097").build(),
                FieldSpec.of("longitude", DECIMAL).range("-180", "180")
                        .description("WGS84 longitude").aliases("lon", "lng", "long").example("-9.1366").build(),
                FieldSpec.of("average_cost_for_two", DECIMAL).range("0", null)
                        .description("Typical bill for two").aliases("cost_for_two", "average_cost").example("40").build(),
                FieldSpec.of("currency", TEXT).maxLength(100).description("Currency of the prices")
                        .example("EUR").build(),
                FieldSpec.of("has_table_booking", BOOLEAN).description("Takes table bookings (Yes/No)")
                        .aliases("table_booking").example("Yes").build(),
                FieldSpec.of("has_online_delivery", BOOLEAN).description("Delivers online orders (Yes/No)")
                        .aliases("online_delivery").example("No").build(),
                FieldSpec.of("price_range", INTEGER).range("1", "5")
                        .description("Price band, 1 (cheap) to 5").example("2").build(),
                FieldSpec.of("rating", DECIMAL).range("0", "5")
                        .description("Average rating, 0 to 5").aliases("aggregate_rating", "stars").example("4.5").build(),
                FieldSpec.of("votes", INTEGER).range("0", null)
                        .description("Number of ratings").aliases("rating_count", "reviews").example("120").build()));
    }
}
