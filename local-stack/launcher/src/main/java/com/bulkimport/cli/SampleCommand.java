package com.bulkimport.cli;

import com.bulkimport.model.ImportKind;
import com.bulkimport.model.csv.CsvHints;
import com.bulkimport.model.csv.CsvSample;
import com.bulkimport.model.csv.UnreadableFile;
import com.bulkimport.model.spec.ColumnMapping;
import com.bulkimport.model.spec.KindSpec;
import com.bulkimport.model.spec.KindSpecs;

import java.io.IOException;
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
        try (InputStream in = Files.newInputStream(file)) {
            sample = CsvSample.read(in, hints, CsvSample.RECORDS, false);
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
        result.put("encoding", sample.format().encodingName());
        result.put("delimiter", sample.format().delimiterName());
        result.put("line_ending", sample.format().lineEnding());
        result.put("header", sample.header());
        result.put("records", sample.records());
        result.put("kind", spec.kind().wireName());
        result.put("suggested_mapping", suggested);
        result.put("missing_required", mapping.missingRequired());
        if (args.flag("--json")) {
            out.println(ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        } else {
            out.printf("%s: %s, delimiter %s, %s line endings; %d columns%n", file.getFileName(),
                    sample.format().encodingName(), sample.format().delimiterName(), sample.format().lineEnding(),
                    sample.header().size());
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
