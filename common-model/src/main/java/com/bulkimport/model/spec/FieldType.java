package com.bulkimport.model.spec;

/**
 * The value types a column can declare. How each is parsed lives in {@link ValueParser}.
 * {@code FAMILY} is an open-ended set of columns sharing a prefix ({@code nutrition_energy_kcal},
 * {@code nutrition_fat}...), kept together as one JSON object keyed by what follows the prefix.
 * {@code CURRENCY} is an ISO 4217 code of three letters, stored in upper case.
 */
public enum FieldType {
    TEXT, INTEGER, DECIMAL, BOOLEAN, DATE, TIMESTAMP, GTIN, EMAIL, URL, CURRENCY, FAMILY
}
