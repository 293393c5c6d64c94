package com.bulkimport.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** {@code ./bulk-import COMMAND ...}: the terminal client of a running stack. */
public final class BulkImportCli {

    static final String USAGE = """
            usage: ./bulk-import COMMAND [options]

              up                                   run the whole system on this machine (Ctrl-C stops it)
              import FILE --kind KIND [options]    create a job, upload FILE, start it, follow its progress
                  --mapping NAME                   start from the tenant's mapping saved as NAME (see mappings)
                  --map 'CSV header=field'         map a column (repeatable); --map 'Header=' ignores it
                  --default 'field=value'          value for empty cells and missing columns (repeatable)
                  --encoding E                     read the file as E (default: detected)
                  --delimiter D                    , ; | or TAB (default: detected)
                  --sheet NAME                     an .xlsx workbook's sheet, by name or position (default: first visible)
                  --decimal-separator ,            numbers use ',' decimals
                  --date-order MDY|DMY             dates with the year last: 12/1/2010 is MDY in the US, DMY elsewhere
                  --time-zone ZONE                 where the file's times were written, e.g. America/New_York (default: UTC)
                  --batch-size N                   rows per batch (100..10000)
                  --mode dry-run                   classify only, change nothing
                  --priority P                     high (admins only), normal (default) or low: the job's work lane
                  --json                           print only the final status JSON on stdout
                  --resume JOB_ID                  go on with JOB_ID's upload in parts, sending only the missing ones
                                                   (running the same import again does so by itself; --no-resume
                                                   starts a new import instead)
              status JOB_ID                        show a job (JSON)
              pause JOB_ID [--json]                pause a job: a batch in flight finishes, the file's reading stops at
                                                   a checkpoint, nothing more is started until resume
              resume JOB_ID [--json]               go on where a paused job stopped
              cancel JOB_ID [--json]               cancel a job (a running one stops at the next batch boundary)
              retry JOB_ID [--json]                run a failed job again; for a finished product import, fetch only
                                                   its failed images again (no row is imported again)
              revert JOB_ID [--dry-run] [--json]   undo an import: delete what it created, give what it changed its
                                                   old values back (records changed since are left: conflicts);
                                                   --dry-run shows what it would do, changing nothing
              sample FILE [--kind KIND] [--json]   detected encoding, delimiter, header, first records, mapping
                                                   (an .xlsx: its sheets with their rows; --sheet NAME picks one)
              template KIND                        the CSV template of a kind (header + example row)
              mappings [--kind KIND] [--json]      the tenant's named column mappings (saved in the web UI or with
                                                   POST /api/mappings), for import --mapping NAME
              errors JOB_ID                        the error report of a job as CSV (errors > errors.csv)
              token [USER]                         print an access token of a local demo user (default alice)
              listen [--events 'RESTAURANT_*,IMPORT_JOB_*'] [--json] [--port N]
                                                   print this tenant's events as they happen, until Ctrl-C
                                                   (a temporary webhook to 127.0.0.1; listen --help tells more)

            common options: --api URL (default http://127.0.0.1:8080, or BULKIMPORT_API)
                            --user USER    sign in to the local stack as alice, carol, bob or admin (default alice)
                            --token T      use this access token instead (or BULKIMPORT_TOKEN), e.g. for a deployment
            exit codes: 0 completed (with or without row errors), 1 failed/cancelled/refused, 2 usage error
            """;

    private static final Set<String> FLAGS = Set.of("--json", "--help", "-h", "--no-resume", "--dry-run");
    private static final Set<String> OPTIONS = Set.of("--kind", "--map", "--default", "--encoding", "--delimiter",
            "--decimal-separator", "--date-order", "--time-zone", "--batch-size", "--sheet", "--mode", "--priority", "--mapping", "--api", "--user", "--token", "--events", "--port", "--resume");

    private BulkImportCli() {
    }

    public static void main(String[] argv) {
        // the API's CSV and JSON are UTF-8, and so must be what a redirect writes: Java 17's System.out follows the
        // locale, which prints '?' for the error report's BOM and every non-ASCII letter under LANG=C or no LANG
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int code = run(Arrays.asList(argv), out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    static int run(List<String> argv, PrintStream out, PrintStream err) {
        return run(argv, out, err, PartTransport.http());
    }

    /** With another way for upload parts to travel (the resume tests cut it). */
    static int run(List<String> argv, PrintStream out, PrintStream err, PartTransport parts) {
        if (argv.isEmpty() || FLAGS.contains(argv.get(0)) && !argv.get(0).equals("--json")) {
            (argv.isEmpty() ? err : out).print(USAGE);
            return argv.isEmpty() ? 2 : 0;
        }
        try {
            Args args = new Args(argv.subList(1, argv.size()), FLAGS, OPTIONS);
            String base = args.optional("--api").orElse(System.getenv().getOrDefault("BULKIMPORT_API",
                    "http://127.0.0.1:8080"));
            ApiClient api = new ApiClient(base, Credentials.of(args));
            return switch (argv.get(0)) {
                case "import" -> new ImportCommand(api, out, err, Duration.ofMillis(500), parts,
                        UploadState.forUser()).run(args);
                case "sample" -> new SampleCommand(out).run(args);
                case "listen" -> new ListenCommand(api, out, err).run(args);
                case "mappings" -> new MappingsCommand(api, out).run(args);
                case "template" -> {
                    out.print(api.getText("/api/templates/" + args.positional(0, "KIND") + ".csv").replace("\uFEFF", ""));
                    yield 0;
                }
                case "errors" -> {
                    out.print(api.getText("/api/imports/" + args.positional(0, "JOB_ID") + "/errors.csv"));
                    yield 0;
                }
                case "token" -> {
                    String user = args.positionals().isEmpty() ? args.optional("--user").orElse(Credentials.DEFAULT_USER)
                            : args.positional(0, "USER");
                    out.println(new ApiClient(base, Credentials.forUser(user)).token());
                    yield 0;
                }
                case "pause", "resume", "cancel", "retry" -> new JobActionCommand(api, out).run(argv.get(0), args);
                case "revert" -> new RevertCommand(api, out, err, Duration.ofMillis(500)).run(args);
                case "status" -> {
                    var status = api.get("/api/imports/" + args.positional(0, "JOB_ID"));
                    out.println(ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(status));
                    yield 0;
                }
                default -> throw new UsageError("unknown command '" + argv.get(0) + "'");
            };
        } catch (UsageError e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (ApiError e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (NumberFormatException e) {
            err.println("error: not a number: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("error: " + e);
            return 1;
        }
    }
}
