package com.bulkimport.api.read;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Restaurant reads, every one scoped by tenant. City filters use {@code (tenant, lower(city))},
 * cuisine filters the GIN index over the split cuisine list (V6). {@code review_count} and
 * {@code average_rating} are stored on the restaurant, kept by the worker's reviews applier: reading them
 * costs nothing.
 */
@Component
class RestaurantQueries {

    static final String CUISINES = "regexp_split_to_array(lower(cuisines), '\\s*,\\s*')";
    private static final String FILTER = """
            WHERE tenant = :tenant AND (:city::text IS NULL OR lower(city) = lower(:city))
              AND (:cuisine::text IS NULL OR %s @> ARRAY[lower(:cuisine)])""".formatted(CUISINES)
            + ReadLimits.changedBy("restaurants");

    private final JdbcClient jdbc;

    RestaurantQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Restaurant(long id, String externalId, String name, String address, String locality, String city,
                      String countryCode, List<String> cuisines, BigDecimal latitude, BigDecimal longitude,
                      BigDecimal averageCostForTwo, String currency, Boolean hasTableBooking,
                      Boolean hasOnlineDelivery, Integer priceRange, BigDecimal rating, Integer votes,
                      int reviewCount, BigDecimal averageRating, Instant updatedAt) {
    }

    /** One imported review; {@code text} as written, however long. */
    record Review(long id, String reviewRef, String author, int rating, String title, String text,
                  Instant reviewedAt, Instant updatedAt) {
    }

    record Dish(long id, String name, String description, String category, BigDecimal price, String currency,
                Boolean isVegetarian, Boolean isVegan, Integer spiceLevel, Integer calories, Boolean available) {
    }

    List<Restaurant> list(String tenant, String city, String cuisine, java.util.UUID job, int page, int size) {
        return jdbc.sql("SELECT * FROM restaurants " + FILTER + " ORDER BY lower(name), id LIMIT :limit OFFSET :offset")
                .param("tenant", tenant).param("city", city).param("cuisine", cuisine).param("job", job)
                .param("limit", size).param("offset", (long) page * size)
                .query(RestaurantQueries::restaurant).list();
    }

    long count(String tenant, String city, String cuisine, java.util.UUID job) {
        return jdbc.sql("SELECT count(*) FROM restaurants " + FILTER)
                .param("tenant", tenant).param("city", city).param("cuisine", cuisine).param("job", job)
                .query(Long.class).single();
    }

    Optional<Restaurant> find(String tenant, long id) {
        return jdbc.sql("SELECT * FROM restaurants WHERE id = :id AND tenant = :tenant")
                .param("id", id).param("tenant", tenant).query(RestaurantQueries::restaurant).optional();
    }

    List<Dish> menu(String tenant, long restaurantId, int page, int size) {
        return jdbc.sql("""
                        SELECT * FROM dishes WHERE restaurant_id = :id AND tenant = :tenant
                        ORDER BY category NULLS LAST, lower(name), id LIMIT :limit OFFSET :offset""")
                .param("id", restaurantId).param("tenant", tenant).param("limit", size)
                .param("offset", (long) page * size)
                .query((rs, n) -> new Dish(rs.getLong("id"), rs.getString("name"), rs.getString("description"),
                        rs.getString("category"), rs.getBigDecimal("price"), rs.getString("currency"),
                        bool(rs, "is_vegetarian"), bool(rs, "is_vegan"), integer(rs, "spice_level"),
                        integer(rs, "calories"), bool(rs, "available")))
                .list();
    }

    long menuCount(String tenant, long restaurantId) {
        return jdbc.sql("SELECT count(*) FROM dishes WHERE restaurant_id = :id AND tenant = :tenant")
                .param("id", restaurantId).param("tenant", tenant).query(Long.class).single();
    }

    /** Newest first: by reviewed_at (reviews without a date last), then the newest id (index reviews_restaurant_newest). */
    List<Review> reviews(String tenant, long restaurantId, int page, int size) {
        return jdbc.sql("""
                        SELECT * FROM reviews WHERE restaurant_id = :id AND tenant = :tenant
                        ORDER BY reviewed_at DESC NULLS LAST, id DESC LIMIT :limit OFFSET :offset""")
                .param("id", restaurantId).param("tenant", tenant).param("limit", size)
                .param("offset", (long) page * size)
                .query((rs, n) -> new Review(rs.getLong("id"), rs.getString("review_ref"), rs.getString("author"),
                        rs.getInt("rating"), rs.getString("title"), rs.getString("text"), instant(rs, "reviewed_at"),
                        instant(rs, "updated_at")))
                .list();
    }

    long reviewCount(String tenant, long restaurantId) {
        return jdbc.sql("SELECT count(*) FROM reviews WHERE restaurant_id = :id AND tenant = :tenant")
                .param("id", restaurantId).param("tenant", tenant).query(Long.class).single();
    }

    private static Restaurant restaurant(ResultSet rs, int row) throws SQLException {
        String cuisines = rs.getString("cuisines");
        return new Restaurant(rs.getLong("id"), rs.getString("external_id"), rs.getString("name"),
                rs.getString("address"), rs.getString("locality"), rs.getString("city"), rs.getString("country_code"),
                cuisines == null ? List.of() : Arrays.stream(cuisines.split(",")).map(String::strip)
                        .filter(c -> !c.isEmpty()).toList(),
                rs.getBigDecimal("latitude"), rs.getBigDecimal("longitude"), rs.getBigDecimal("average_cost_for_two"),
                rs.getString("currency"), bool(rs, "has_table_booking"), bool(rs, "has_online_delivery"),
                integer(rs, "price_range"), rs.getBigDecimal("rating"), integer(rs, "votes"),
                rs.getInt("review_count"), rs.getBigDecimal("average_rating"), rs.getTimestamp("updated_at").toInstant());
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        java.sql.Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    static Boolean bool(ResultSet rs, String column) throws SQLException {
        boolean value = rs.getBoolean(column);
        return rs.wasNull() ? null : value;
    }

    static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }
}
