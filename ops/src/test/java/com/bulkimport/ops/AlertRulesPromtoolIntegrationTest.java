package com.bulkimport.ops;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every alert rule evaluated by Prometheus's own promtool against the series of ops/prometheus/alerts.test.yml:
 * each alert fires where it should (with its labels and annotations) and stays quiet where it should. The
 * build installs promtool (Debian's prometheus package) when it is missing: src/test/promtool/ensure-promtool.sh.
 */
@SuppressWarnings("unchecked")
class AlertRulesPromtoolIntegrationTest {

    static final String RULES = "ops/prometheus/alerts.yml";
    static final String TESTS = "ops/prometheus/alerts.test.yml";

    record Result(int exitCode, String output) {
    }

    @BeforeAll
    static void promtoolIsThere() throws Exception {
        assertThat(promtool(Repository.ROOT, "--version").exitCode())
                .as("promtool runs (the ops build installs it: src/test/promtool/ensure-promtool.sh)").isZero();
    }

    static Result promtool(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("promtool is missing: the ops build installs it (mvn -pl ops verify)", e);
        }
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("promtool did not finish in 60 s");
        }
        return new Result(process.exitValue(), output);
    }

    static List<Map<String, Object>> rules(Map<String, Object> file) {
        return (List<Map<String, Object>>) ((List<Map<String, Object>>) file.get("groups")).get(0).get("rules");
    }

    static List<Map<String, Object>> ruleTests(Map<String, Object> file) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (Map<String, Object> test : (List<Map<String, Object>>) file.get("tests")) {
            all.addAll((List<Map<String, Object>>) test.get("alert_rule_test"));
        }
        return all;
    }

    @Test
    void theRulesAreValidAndEveryUnitTestPasses() throws Exception {
        Result check = promtool(Repository.ROOT, "check", "rules", RULES);
        assertThat(check.exitCode()).as(check.output()).isZero();
        Result test = promtool(Repository.ROOT, "test", "rules", TESTS);
        assertThat(test.exitCode()).as(test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS");
    }

    @Test
    void everyAlertIsTestedFiringAndQuietOnContractSeries() {
        Map<String, Object> tests = new Yaml().load(Repository.read(TESTS));
        assertThat(tests.get("rule_files")).isEqualTo(List.of("alerts.yml"));
        Map<String, List<Integer>> firingAndQuiet = new TreeMap<>();
        for (Map<String, Object> rule : rules(new Yaml().load(Repository.read(RULES)))) {
            firingAndQuiet.put((String) rule.get("alert"), new ArrayList<>(List.of(0, 0)));
        }
        for (Map<String, Object> t : ruleTests(tests)) {
            List<Integer> counts = firingAndQuiet.get((String) t.get("alertname"));
            assertThat(counts).as("a test of an alert alerts.yml does not have: " + t.get("alertname")).isNotNull();
            int quiet = ((List<?>) t.get("exp_alerts")).isEmpty() ? 1 : 0;
            counts.set(quiet, counts.get(quiet) + 1);
        }
        assertThat(firingAndQuiet).hasSize(5).allSatisfy((alert, counts) -> assertThat(counts).as(alert)
                .allMatch(n -> n > 0, "fired at least once and quiet at least once"));

        Set<String> series = new TreeSet<>();
        for (Map<String, Object> test : (List<Map<String, Object>>) tests.get("tests")) {
            for (Map<String, Object> input : (List<Map<String, Object>>) test.get("input_series")) {
                series.addAll(MetricNames.in((String) input.get("series")));
            }
        }
        assertThat(MetricNames.CONTRACT).containsAll(series);
    }

    /**
     * The tests can fail: with an alert's wait made endless its firing expectation fails, and with its
     * expression made always true its quiet expectations fail, each naming the alert.
     */
    @Test
    void breakingAnyAlertFailsItsTests(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("alerts.test.yml"), Repository.read(TESTS));
        Map<String, Object> original = new Yaml().load(Repository.read(RULES));
        Map<String, String> failures = new TreeMap<>();
        for (Map<String, Object> rule : rules(original)) {
            String alert = (String) rule.get("alert");
            for (Map.Entry<String, Consumer<Map<String, Object>>> breakage : Map.<String, Consumer<Map<String, Object>>>of(
                    "never fires", r -> r.put("for", "1000h"),
                    "always fires", r -> r.put("expr", "vector(1)")).entrySet()) {
                Map<String, Object> broken = new Yaml().load(Repository.read(RULES));
                rules(broken).stream().filter(r -> alert.equals(r.get("alert"))).forEach(breakage.getValue());
                DumperOptions options = new DumperOptions();
                options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
                Files.writeString(dir.resolve("alerts.yml"), new Yaml(options).dump(broken));
                Result result = promtool(dir, "test", "rules", "alerts.test.yml");
                failures.put(alert + " " + breakage.getKey(), result.exitCode() + (result.output().contains(
                        "alertname: " + alert) ? " names it" : " does not name it: " + result.output()));
            }
        }
        assertThat(failures).hasSize(10).allSatisfy((broken, outcome) -> assertThat(outcome).as(broken)
                .isEqualTo("1 names it"));
    }
}
