package com.bulkimport.model.spec;

import com.bulkimport.model.ImportKind;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import static com.bulkimport.model.spec.FieldType.BOOLEAN;
import static com.bulkimport.model.spec.FieldType.CURRENCY;
import static com.bulkimport.model.spec.FieldType.DECIMAL;
import static com.bulkimport.model.spec.FieldType.EMAIL;
import static com.bulkimport.model.spec.FieldType.GTIN;
import static com.bulkimport.model.spec.FieldType.INTEGER;
import static com.bulkimport.model.spec.FieldType.TEXT;
import static com.bulkimport.model.spec.FieldType.TIMESTAMP;
import static com.bulkimport.model.spec.FieldType.URL;

/** The column spec of every import kind. Templates, header matching and validation all read from here. */
public final class KindSpecs {

    private static final Map<ImportKind, KindSpec> SPECS = new EnumMap<>(ImportKind.class);

    static {
        SPECS.put(ImportKind.RESTAURANTS, restaurants());
        SPECS.put(ImportKind.DISHES, dishes());
        SPECS.put(ImportKind.PRODUCTS, products());
        SPECS.put(ImportKind.CUSTOMERS, customers());
        SPECS.put(ImportKind.PURCHASES, purchases());
        SPECS.put(ImportKind.REVIEWS, reviews());
        SPECS.put(ImportKind.INVENTORY, inventory());
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
                FieldSpec.of("latitude", DECIMAL).range("-90", "90").scale(7)
                        .description("WGS84 latitude; rounded to 7 decimal places (about 1 cm)").aliases("lat").example("38.7097").build(),
                FieldSpec.of("longitude", DECIMAL).range("-180", "180").scale(7)
                        .description("WGS84 longitude; rounded to 7 decimal places (about 1 cm)").aliases("lon", "lng", "long").example("-9.1366").build(),
                FieldSpec.of("average_cost_for_two", DECIMAL).range("0", null).scale(4)
                        .description("Typical bill for two; rounded to 4 decimal places").aliases("cost_for_two", "average_cost").example("40").build(),
                FieldSpec.of("currency", TEXT).maxLength(100).description("Currency of the prices")
                        .example("EUR").build(),
                FieldSpec.of("has_table_booking", BOOLEAN).description("Takes table bookings (Yes/No)")
                        .aliases("table_booking").example("Yes").build(),
                FieldSpec.of("has_online_delivery", BOOLEAN).description("Delivers online orders (Yes/No)")
                        .aliases("online_delivery").example("No").build(),
                FieldSpec.of("price_range", INTEGER).range("1", "5")
                        .description("Price band, 1 (cheap) to 5").example("2").build(),
                FieldSpec.of("rating", DECIMAL).range("0", "5").scale(2)
                        .description("Average rating, 0 to 5; rounded to 2 decimal places").aliases("aggregate_rating", "stars").example("4.5").build(),
                FieldSpec.of("votes", INTEGER).range("0", "2147483647")
                        .description("Number of ratings").aliases("rating_count", "reviews").example("120").build()));
    }

    private static KindSpec dishes() {
        return new KindSpec(ImportKind.DISHES,
                "Menu items of restaurants already imported, matched by restaurant + normalized name", java.util.List.of(
                FieldSpec.of("restaurant_external_id", TEXT).required().maxLength(200)
                        .description("external_id of the restaurant that serves it")
                        .aliases("restaurant_id", "restaurant_ref", "restaurant").example("R-1001").build(),
                FieldSpec.of("name", TEXT).required().maxLength(500).description("Dish name")
                        .aliases("dish", "dish_name", "item", "item_name").example("Grilled sardines").build(),
                FieldSpec.of("description", TEXT).maxLength(4000).description("What it is")
                        .example("Three sardines, bread, salad").build(),
                FieldSpec.of("category", TEXT).maxLength(200).description("Menu section")
                        .aliases("course", "section", "menu_section").example("Mains").build(),
                FieldSpec.of("price", DECIMAL).range("0", null).scale(4).description("Price; rounded to 4 decimal places").aliases("cost")
                        .example("12.50").build(),
                FieldSpec.of("currency", TEXT).maxLength(100).description("Currency of the price").example("EUR").build(),
                FieldSpec.of("is_vegetarian", BOOLEAN).description("Vegetarian (Yes/No)")
                        .aliases("vegetarian", "veg").example("No").build(),
                FieldSpec.of("is_vegan", BOOLEAN).description("Vegan (Yes/No)").aliases("vegan").example("No").build(),
                FieldSpec.of("spice_level", INTEGER).range("0", "5").description("0 (mild) to 5")
                        .aliases("spiciness", "spicy").example("1").build(),
                FieldSpec.of("calories", INTEGER).range("0", "100000").description("kcal per serving")
                        .aliases("kcal").example("520").build(),
                FieldSpec.of("available", BOOLEAN).description("On the menu now (Yes/No)")
                        .aliases("is_available", "in_stock").example("Yes").build()));
    }

    private static KindSpec products() {
        java.util.List<FieldSpec> fields = new java.util.ArrayList<>(java.util.List.of(
                FieldSpec.of("name", TEXT).required().maxLength(500).description("Product name")
                        .aliases("product_name", "title").example("Basmati Rice 1kg").build(),
                FieldSpec.of("category", TEXT).required().maxLength(2000).description("Product category")
                        .aliases("categories", "main_category").example("Rice & Grains").build(),
                FieldSpec.of("sku", TEXT).maxLength(100).description("Your stock keeping unit; the first match key")
                        .aliases("item_code", "product_code", "article_number").example("RICE-1KG").build(),
                FieldSpec.of("brand", TEXT).maxLength(500).description("Brand").aliases("brands", "brand_name")
                        .example("India Gate").build(),
                FieldSpec.of("barcode", GTIN).description("GTIN-8/12/13/14 as text, leading zeros kept; second match key")
                        .aliases("ean", "upc", "gtin", "ean13", "code").example("8901030875397").build(),
                FieldSpec.of("description", TEXT).maxLength(10_000).description("Description")
                        .example("Premium aged basmati rice").build()));
        for (int i = 1; i <= 10; i++) {
            FieldSpec.Builder image = FieldSpec.of("image_url_" + i, URL).description("Image URL " + i)
                    .example(i == 1 ? "https://example.com/basmati1.jpg" : "");
            if (i == 1) {
                image.aliases("image_url", "image", "image_link", "product_image");
            }
            fields.add(image.build());
        }
        fields.addAll(java.util.List.of(
                FieldSpec.of("size", TEXT).maxLength(100).description("Size as printed").example("1kg").build(),
                FieldSpec.of("unit", TEXT).maxLength(50).description("Unit of sale").example("pack").build(),
                FieldSpec.of("weight", DECIMAL).range("0", null).scale(3).description("Weight in grams; rounded to 3 decimal places (milligrams)").example("1000").build(),
                FieldSpec.of("pack_size", INTEGER).range("1", "1000000").description("Items per pack").example("1").build(),
                FieldSpec.of("manufacturer", TEXT).maxLength(500).description("Manufacturer")
                        .example("India Gate Foods").build(),
                FieldSpec.of("country_of_origin", TEXT).maxLength(200).description("Country of origin")
                        .aliases("origin", "country").example("India").build(),
                FieldSpec.of("ingredients", TEXT).maxLength(10_000).description("Ingredients")
                        .aliases("ingredients_text").example("Basmati rice").build(),
                FieldSpec.family("nutrition").description("Nutrition facts: one column per fact, e.g. nutrition_energy_kcal")
                        .aliases("energy_kcal").example("350").build(),
                FieldSpec.family("regional_names").description("Names per region or language, e.g. regional_names_IN-MH")
                        .aliases("IN-MH").example("बासमती चावल 1kg").build()));
        return new KindSpec(ImportKind.PRODUCTS,
                "Products, matched by sku, else GTIN barcode, else normalized name + brand", fields);
    }

    private static KindSpec customers() {
        return new KindSpec(ImportKind.CUSTOMERS, "Customers, matched by customer_ref", java.util.List.of(
                FieldSpec.of("customer_ref", TEXT).required().maxLength(200).description("Your id for the customer")
                        .aliases("customer_id", "customerid", "customer", "ref").example("C-17850").build(),
                FieldSpec.of("name", TEXT).required().maxLength(500).description("Full name")
                        .aliases("full_name", "customer_name").example("Ana Silva").build(),
                FieldSpec.of("email", EMAIL).description("E-mail address").aliases("e_mail", "mail")
                        .example("ana@example.com").build(),
                FieldSpec.of("phone", TEXT).maxLength(50).description("Phone number").aliases("telephone", "mobile")
                        .example("+351 912 345 678").build(),
                FieldSpec.of("country", TEXT).maxLength(200).description("Country").example("Portugal").build()));
    }

    private static KindSpec purchases() {
        return new KindSpec(ImportKind.PURCHASES,
                "Purchase lines (one per item); lines with the same merchant + transaction_ref form one purchase",
                java.util.List.of(
                FieldSpec.of("transaction_ref", TEXT).required().maxLength(200)
                        .description("Your id for the purchase (invoice number)")
                        .aliases("invoice_no", "invoice", "order_id", "transaction_id", "receipt_no").example("536365").build(),
                FieldSpec.of("merchant", TEXT).maxLength(200)
                        .description("Who sold it; or give one merchant for the whole file in options.defaults")
                        .aliases("merchant_ref", "merchant_id", "store", "shop", "seller").example("store-1").build(),
                FieldSpec.of("customer_ref", TEXT).maxLength(200).description("customer_ref of an imported customer")
                        .aliases("customer_id", "customerid", "customer").example("C-17850").build(),
                FieldSpec.of("purchased_at", TIMESTAMP).description("When, e.g. 2010-12-01 08:26:00")
                        .aliases("invoice_date", "date", "order_date", "timestamp").example("2010-12-01 08:26:00").build(),
                FieldSpec.of("sku", TEXT).required().maxLength(100).description("sku of the item")
                        .aliases("stock_code", "stockcode", "product_code", "item_code").example("85123A").build(),
                FieldSpec.of("description", TEXT).maxLength(1000).description("Item as printed on the receipt")
                        .example("WHITE HANGING HEART T-LIGHT HOLDER").build(),
                FieldSpec.of("quantity", INTEGER).required().range("-1000000", "1000000")
                        .description("Units; negative for returns").aliases("qty").example("6").build(),
                FieldSpec.of("unit_price", DECIMAL).range("-1000000000", "1000000000").scale(4).description("Price per unit; rounded to 4 decimal places")
                        .aliases("price", "unitprice").example("2.55").build(),
                FieldSpec.of("currency", TEXT).maxLength(10).description("Currency code").example("GBP").build(),
                FieldSpec.of("country", TEXT).maxLength(200).description("Country of the sale")
                        .example("United Kingdom").build()));
    }

    private static KindSpec reviews() {
        return new KindSpec(ImportKind.REVIEWS,
                "Reviews of restaurants already imported, matched by review_ref; each keeps its restaurant's"
                        + " review_count and average_rating up to date", java.util.List.of(
                FieldSpec.of("review_ref", TEXT).required().maxLength(200)
                        .description("Your id for the review; the match key")
                        .aliases("review_id", "reviewid", "id", "ref").example("RV-5001").build(),
                FieldSpec.of("restaurant_external_id", TEXT).required().maxLength(200)
                        .description("external_id of the restaurant reviewed")
                        .aliases("restaurant_id", "restaurant_ref", "restaurant").example("R-1001").build(),
                FieldSpec.of("author", TEXT).maxLength(500).description("Who wrote it")
                        .aliases("reviewer", "reviewer_name", "user", "user_name", "username")
                        .example("Ana S.").build(),
                FieldSpec.of("rating", INTEGER).required().range("1", "5").description("Stars, 1 to 5")
                        .aliases("stars", "score", "star_rating", "rating_value").example("4").build(),
                FieldSpec.of("title", TEXT).maxLength(500).description("Headline")
                        .aliases("headline", "summary", "subject").example("Great sardines").build(),
                FieldSpec.of("text", TEXT).maxLength(20_000).description("The review itself")
                        .aliases("comment", "comments", "body", "review", "review_text", "content").example("Fresh fish, friendly staff.")
                        .build(),
                FieldSpec.of("reviewed_at", TIMESTAMP).description("When it was written, e.g. 2024-03-31 14:05:00")
                        .aliases("date", "review_date", "created_at", "timestamp", "posted_at").example("2024-03-31 14:05:00")
                        .build()));
    }

    /**
     * A store's stock of an imported product: one record per tenant, store and product. The product is found by
     * sku, else barcode; {@code updated_at} says when the stock was counted, and an older count never
     * overwrites a newer one (docs/architecture.md, "Matching and duplicates").
     */
    private static KindSpec inventory() {
        return new KindSpec(ImportKind.INVENTORY,
                "Stock of products already imported, per store: matched by store_ref + the product (sku, else"
                        + " barcode); a row older than the stored updated_at changes nothing", java.util.List.of(
                FieldSpec.of("store_ref", TEXT).required().maxLength(200)
                        .description("Your id for the store (or warehouse) holding the stock")
                        .aliases("store", "store_id", "store_code", "location", "location_id", "warehouse", "branch")
                        .example("STORE-12").build(),
                FieldSpec.of("sku", TEXT).maxLength(100)
                        .description("sku of an imported product; the product is found by it first (sku or barcode is required)")
                        .aliases("item_code", "product_code", "article_number").example("RICE-1KG").build(),
                FieldSpec.of("barcode", GTIN)
                        .description("GTIN of an imported product, leading zeros kept; used when the sku finds none"
                                + " (sku or barcode is required)")
                        .aliases("ean", "upc", "gtin", "ean13").example("8901030875397").build(),
                FieldSpec.of("quantity", INTEGER).required().range("0", "2147483647")
                        .description("Units in stock, 0 or more").aliases("qty", "stock", "on_hand", "quantity_on_hand",
                                "stock_level", "units").example("24").build(),
                FieldSpec.of("price", DECIMAL).range("0", null).scale(4)
                        .description("Shelf price in this store; rounded to 4 decimal places")
                        .aliases("unit_price", "selling_price", "store_price").example("3.49").build(),
                FieldSpec.of("currency", CURRENCY).description("ISO 4217 code of the price, e.g. EUR")
                        .aliases("currency_code").example("EUR").build(),
                FieldSpec.of("updated_at", TIMESTAMP).required()
                        .description("When the stock was counted, e.g. 2024-03-31 14:05:00; an older count never"
                                + " overwrites a newer one")
                        .aliases("last_updated", "stock_updated_at", "counted_at", "as_of", "timestamp")
                        .example("2024-03-31 14:05:00").build()),
                java.util.List.of(java.util.List.of("sku", "barcode")));
    }
}
