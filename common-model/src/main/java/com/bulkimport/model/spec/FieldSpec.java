package com.bulkimport.model.spec;

import java.math.BigDecimal;
import java.util.List;

/**
 * One column of an import kind.
 *
 * @param aliases other header spellings that map to this field (compared normalized, see {@link HeaderNames});
 *                for a family, the first is the example member key its CSV template shows
 * @param example a value for the template's example row
 * @param min     inclusive lower bound for numbers, or null
 * @param max     inclusive upper bound for numbers, or null
 * @param maxLength longest accepted text, in characters
 * @param scale     for a decimal, the decimal places it keeps: longer values are rounded half-even to it
 *                  (every decimal declares one, fitting its column); null for other types
 */
public record FieldSpec(String name, FieldType type, boolean required, String description,
                        List<String> aliases, String example, BigDecimal min, BigDecimal max, int maxLength,
                        Integer scale) {

    public static final int DEFAULT_MAX_LENGTH = 4_000;

    public FieldSpec {
        aliases = List.copyOf(aliases);
        if (type == FieldType.DECIMAL && (scale == null || scale < 0 || scale > 20)) {
            throw new IllegalArgumentException("decimal field " + name + " must declare its scale (0..20), got " + scale);
        }
        if (type != FieldType.DECIMAL && scale != null) {
            throw new IllegalArgumentException("only decimal fields have a scale; " + name + " is " + type);
        }
    }

    public static Builder of(String name, FieldType type) {
        return new Builder(name, type);
    }

    /** A family field {@code name} fed by every column named {@code name_<key>}. */
    public static Builder family(String name) {
        return new Builder(name, FieldType.FAMILY).maxLength(1_000);
    }

    /** For a family, the header prefix that feeds it ({@code nutrition_}); else null. */
    public String familyPrefix() {
        return type == FieldType.FAMILY ? name + "_" : null;
    }

    /** How the field appears in templates: {@code nutrition_*} for a family. */
    public String templateName() {
        return type == FieldType.FAMILY ? name + "_*" : name;
    }

    /** The column a CSV template shows for it: a family shows one example member ({@code nutrition_energy_kcal}). */
    public String templateColumn() {
        return type == FieldType.FAMILY && !aliases.isEmpty() ? name + "_" + aliases.get(0) : name;
    }

    /** Keeps the spec tables in {@link KindSpecs} readable. */
    public static final class Builder {
        private final String name;
        private final FieldType type;
        private boolean required;
        private String description = "";
        private List<String> aliases = List.of();
        private String example = "";
        private BigDecimal min;
        private BigDecimal max;
        private int maxLength = DEFAULT_MAX_LENGTH;
        private Integer scale;

        private Builder(String name, FieldType type) {
            this.name = name;
            this.type = type;
        }

        public Builder required() {
            this.required = true;
            return this;
        }

        public Builder description(String text) {
            this.description = text;
            return this;
        }

        public Builder aliases(String... names) {
            this.aliases = List.of(names);
            return this;
        }

        public Builder example(String value) {
            this.example = value;
            return this;
        }

        public Builder range(String minimum, String maximum) {
            this.min = minimum == null ? null : new BigDecimal(minimum);
            this.max = maximum == null ? null : new BigDecimal(maximum);
            return this;
        }

        public Builder maxLength(int characters) {
            this.maxLength = characters;
            return this;
        }

        /** Decimal places a decimal keeps (see {@link FieldSpec#scale}). */
        public Builder scale(int decimalPlaces) {
            this.scale = decimalPlaces;
            return this;
        }

        public FieldSpec build() {
            return new FieldSpec(name, type, required, description, aliases, example, min, max, maxLength, scale);
        }
    }
}
