package com.bulkimport.api.fuzz;

import com.bulkimport.model.ImportKind;
import com.bulkimport.model.spec.ColumnMapping;
import com.bulkimport.model.spec.FieldProblem;
import com.bulkimport.model.spec.FieldSpec;
import com.bulkimport.model.spec.FieldType;
import com.bulkimport.model.spec.InvalidValue;
import com.bulkimport.model.spec.KindSpec;
import com.bulkimport.model.spec.KindSpecs;
import com.bulkimport.model.spec.ParseOptions;
import com.bulkimport.model.spec.RowValidator;
import com.bulkimport.model.spec.ValueParser;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jazzer on row validation (common-model's {@link RowValidator} and {@link ValueParser}): any header,
 * mapping and record either validates into one canonical value per field or lists its problems, each
 * with a code and a message; a value is either parsed into text that parses to itself again, or
 * refused with {@link InvalidValue}. Nothing else may escape.
 */
class RowValidationFuzzTest {

    private static final List<KindSpec> SPECS = Arrays.stream(ImportKind.values()).filter(KindSpecs::supports)
            .map(KindSpecs::get).toList();

    @FuzzTest(maxDuration = "5s")
    void validatesOrExplains(FuzzedDataProvider data) {
        KindSpec spec = data.pickValue(SPECS);
        ParseOptions options = new ParseOptions(data.consumeBoolean());
        int width = data.consumeInt(0, 12);
        List<String> header = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            header.add(data.consumeBoolean() ? data.pickValue(spec.templateNames()) : data.consumeString(16));
        }
        ColumnMapping mapping = ColumnMapping.resolve(spec, header, Map.of());
        int size = data.consumeBoolean() ? width : data.consumeInt(0, 14);
        List<String> record = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            record.add(data.consumeString(40));
        }
        RowValidator.Result result = new RowValidator(mapping, options, width).validate(record);
        for (FieldProblem problem : result.problems()) {
            assertThat(problem.code()).isNotBlank();
            assertThat(problem.message()).isNotBlank();
        }
        if (result.valid()) {
            assertThat(result.values()).hasSize(spec.fields().size());
        }

        FieldSpec field = data.pickValue(spec.fields());
        String raw = data.consumeRemainingAsString();
        try {
            String canonical = ValueParser.parse(field, raw, options);
            if (canonical != null && (field.type() == FieldType.INTEGER || field.type() == FieldType.DECIMAL
                    || field.type() == FieldType.TEXT)) {
                assertThat(ValueParser.parse(field, canonical, ParseOptions.DEFAULT)).isEqualTo(canonical);
            }
            if (canonical != null) {
                assertThat(canonical).doesNotContain("\u0000");
            }
        } catch (InvalidValue refused) {
            assertThat(refused.code()).isNotBlank();
            assertThat(refused.getMessage()).isNotBlank();
        }
    }
}
