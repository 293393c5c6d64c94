package com.bulkimport.api.template;

import com.bulkimport.api.problem.ApiProblem;
import com.bulkimport.model.ImportKind;
import com.bulkimport.model.spec.FieldSpec;
import com.bulkimport.model.spec.KindSpec;
import com.bulkimport.model.spec.KindSpecs;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * What each kind takes: {@code GET /api/templates} (every kind's fields), {@code /api/templates/{kind}}
 * and {@code /api/templates/{kind}.csv} (the header and one example row, ready to fill in).
 */
@RestController
@Tag(name = "templates", description = "public: the import kinds, their fields and a CSV template of each")
class TemplateController {

    record FieldView(String name, String type, boolean required, String description, String example,
                     List<String> aliases) {
        static FieldView of(FieldSpec field) {
            List<String> aliases = field.type() == com.bulkimport.model.spec.FieldType.FAMILY ? List.of() : field.aliases();
            return new FieldView(field.templateName(), field.type().name().toLowerCase(), field.required(),
                    field.description(), field.example(), aliases);
        }
    }

    record KindView(String kind, String description, String templateUrl, List<FieldView> fields) {
        static KindView of(KindSpec spec) {
            return new KindView(spec.kind().wireName(), spec.description(),
                    "/api/templates/" + spec.kind().wireName() + ".csv",
                    spec.fields().stream().map(FieldView::of).toList());
        }
    }

    record Templates(List<KindView> kinds) {
    }

    @Operation(summary = "Every import kind with its fields")
    @GetMapping(path = "/api/templates", produces = MediaType.APPLICATION_JSON_VALUE)
    Templates all() {
        return new Templates(Arrays.stream(ImportKind.values()).filter(KindSpecs::supports)
                .map(kind -> KindView.of(KindSpecs.get(kind))).toList());
    }

    @Operation(summary = "One import kind's fields, types and aliases")
    @GetMapping(path = "/api/templates/{kind}", produces = MediaType.APPLICATION_JSON_VALUE)
    KindView one(@PathVariable String kind) {
        return KindView.of(spec(kind));
    }

    @Operation(summary = "A CSV template of one import kind: its header and an example row")
    @GetMapping(path = "/api/templates/{kind}.csv")
    ResponseEntity<byte[]> csv(@PathVariable String kind) {
        KindSpec spec = spec(kind);
        StringWriter text = new StringWriter();
        try (CsvWriter writer = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(text)) {
            writer.writeRecord(spec.fields().stream().map(FieldSpec::templateColumn).toList());
            writer.writeRecord(spec.fields().stream().map(FieldSpec::example).toList());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // a byte order mark, so spreadsheet programs open the UTF-8 example row correctly
        byte[] body = ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + spec.kind().wireName()
                        + "-template.csv\"")
                .body(body);
    }

    private static KindSpec spec(String kind) {
        return ImportKind.fromWireName(kind).flatMap(KindSpecs::find).orElseThrow(() -> new UnknownKind(kind));
    }

    /** No such import kind. */
    static final class UnknownKind extends ApiProblem {
        UnknownKind(String kind) {
            super(HttpStatus.NOT_FOUND, "unknown-kind", "Unknown import kind", "there is no import kind '" + kind
                    + "'; kinds: " + String.join(", ", Arrays.stream(ImportKind.values()).filter(KindSpecs::supports)
                    .map(ImportKind::wireName).toList()));
        }
    }
}
