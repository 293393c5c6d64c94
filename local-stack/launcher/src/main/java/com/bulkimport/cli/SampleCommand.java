package com.bulkimport.cli;

import com.bulkimport.model.ImportKind;
import com.bulkimport.model.csv.CsvHints;
import com.bulkimport.model.csv.CsvSample;
import com.bulkimport.model.xlsx.FileKind;
import com.bulkimport.model.xlsx.Ole2Refusal;
import com.bulkimport.model.xlsx.SheetInfo;
import com.bulkimport.model.xlsx.XlsxSample;
import com.bulkimport.model.csv.UnreadableFile;
import com.bulkimport.model.spec.ColumnMapping;
import com.bulkimport.model.spec.KindSpec;
import com.bulkimport.model.spec.KindSpecs;

import java.io.IOException;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sample FILE [--kind KIND] [--json]}: what a local file looks like to the importer, without
 * a running stack. Without {@code --kind} the kind whose fields match most headers is suggested.
 */
final class SampleCommand {

    private final PrintStream out;

    SampleCommand(PrintStream out) {
        this.out = out;
    }

    int run(Args args) throws IOException {
        Path file = Path.of(args.positional(0, "FILE"));
        if (!Files.isRegularFile(file)) {
            throw new UsageError("no such file: " + file);
        }
        CsvHints hints = new CsvHints(args.optional("--encoding").map(Charset::forName).orElse(null),
                args.optional("--delimiter").map(d -> "TAB".equalsIgnoreCase(d) ? '\t' : d.charAt(0)).orElse(null));
        CsvSample sample;
        XlsxSample workbook = null;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            // told apart by content, as the worker does: a ZIP is a workbook whatever the file is called
            FileKind kind = FileKind.peek((BufferedInputStream) in);
            if (kind == FileKind.OLE2) {
                throw Ole2Refusal.of(in);
            }
            if (kind == FileKind.ZIP) {
                workbook = XlsxSample.read(file, args.optional("--sheet").orElse(null), CsvSample.RECORDS);
                sample = workbook.sample();
            } else {
                sample = CsvSample.read(in, hints, CsvSample.RECORDS, false);
            }
        } catch (UnreadableFile e) {
            throw new ApiError(file + ": " + e.getMessage());
        }
        KindSpec spec = args.optional("--kind")
                .map(k -> ImportKind.fromWireName(k).flatMap(KindSpecs::find)
                        .orElseThrow(() -> new UsageError("unknown kind '" + k + "'")))
                .orElseGet(() -> bestKind(sample.header()));
        ColumnMapping mapping = ColumnMapping.resolve(spec, sample.header(), Map.of());
        Map<String, String> suggested = new LinkedHashMap<>();
        sample.header().forEach(h -> suggested.put(h, mapping.mapped().get(h)));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("file_format", workbook == null ? "csv" : "xlsx");
        if (workbook != null) {
            result.put("sheet", workbook.sheet());
            result.put("sheets", workbook.sheets());
        }
        result.put("encoding", sample.format().encodingName());
        result.put("delimiter", workbook == null ? sample.format().delimiterName() : null);
        result.put("line_ending", workbook == null ? sample.format().lineEnding() : null);
        result.put("header", sample.header());
        result.put("records", sample.records());
        result.put("kind", spec.kind().wireName());
        result.put("suggested_mapping", suggested);
        result.put("missing_required", mapping.missingRequired());
        if (args.flag("--json")) {
            out.println(ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        } else if (workbook != null) {
            out.printf("%s: xlsx workbook, sheet %s; %d columns%n", file.getFileName(), workbook.sheet(),
                    sample.header().size());
            for (SheetInfo sheet : workbook.sheets()) {
                out.printf("  sheet %d %-24s %,d rows%s%n", sheet.position(), sheet.name(), sheet.rows(),
                        sheet.visible() ? "" : " (" + sheet.visibility().replace('_', ' ') + ")");
            }
        } else {
            out.printf("%s: %s, delimiter %s, %s line endings; %d columns%n", file.getFileName(),
                    sample.format().encodingName(), sample.format().delimiterName(), sample.format().lineEnding(),
                    sample.header().size());
        }
        if (!args.flag("--json")) {
            out.println("as " + spec.kind().wireName() + ":");
            suggested.forEach((header, field) -> out.printf("  %-30s -> %s%n", header, field == null ? "(not imported)" : field));
            if (!mapping.missingRequired().isEmpty()) {
                out.println("missing required: " + String.join(", ", mapping.missingRequired()));
            }
        }
        return 0;
    }

    private static KindSpec bestKind(List<String> header) {
        return Arrays.stream(ImportKind.values()).map(KindSpecs::get)
                .max(Comparator.comparingInt((KindSpec spec) -> ColumnMapping.resolve(spec, header, Map.of()).mapped().size())
                        .thenComparingInt(spec -> -ColumnMapping.resolve(spec, header, Map.of()).missingRequired().size()))
                .orElseThrow();
    }
}
