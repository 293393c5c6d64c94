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
 * and {@code /api/templates/{kind}.csv} or {@code .xlsx} (the header and one example row, ready to fill in).
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

    record KindView(String kind, String description, String templateUrl, String xlsxTemplateUrl,
                    List<FieldView> fields) {
        static KindView of(KindSpec spec) {
            return new KindView(spec.kind().wireName(), spec.description(),
                    "/api/templates/" + spec.kind().wireName() + ".csv",
                    "/api/templates/" + spec.kind().wireName() + ".xlsx",
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

    /**
     * The same header and example row as a workbook. Every cell is text, the example's barcode too: typed
     * in as a number, Excel would keep only 15 digits and show it in scientific notation.
     */
    @Operation(summary = "An Excel template of one import kind: its header and an example row, all text cells")
    @GetMapping(path = "/api/templates/{kind}.xlsx")
    ResponseEntity<byte[]> xlsx(@PathVariable String kind) {
        KindSpec spec = spec(kind);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            org.dhatim.fastexcel.Workbook workbook = new org.dhatim.fastexcel.Workbook(out, "bulk-import", "1.0");
            org.dhatim.fastexcel.Worksheet sheet = workbook.newWorksheet(spec.kind().wireName());
            List<FieldSpec> fields = spec.fields();
            for (int column = 0; column < fields.size(); column++) {
                sheet.value(0, column, fields.get(column).templateColumn());
                sheet.style(0, column).bold().set();
                sheet.value(1, column, fields.get(column).example());
                sheet.style(1, column).format("@").set();
            }
            workbook.finish();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(XLSX))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + spec.kind().wireName()
                        + "-template.xlsx\"")
                .body(out.toByteArray());
    }

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

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
