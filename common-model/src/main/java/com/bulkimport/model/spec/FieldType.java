package com.bulkimport.model.spec;

/** The value types a column can declare. How each is parsed lives in {@link ValueParser}. */
public enum FieldType {
    TEXT, INTEGER, DECIMAL, BOOLEAN, DATE, TIMESTAMP, GTIN, EMAIL, URL
}
