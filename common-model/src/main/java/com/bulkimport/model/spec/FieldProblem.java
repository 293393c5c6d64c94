package com.bulkimport.model.spec;

/**
 * Why one value was refused. {@code code} is stable (clients switch on it); {@code message} is for people.
 */
public record FieldProblem(String column, String code, String message) {
}
