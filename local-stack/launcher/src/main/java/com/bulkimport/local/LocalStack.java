package com.bulkimport.local;

import com.bulkimport.api.ImportApiApplication;
import com.bulkimport.local.embedded.LocalInfra;
import com.bulkimport.relay.RelayApplication;
import com.bulkimport.worker.WorkerApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The three services in one process, each its own Spring application (own config file, own ports,
 * own beans), pointed at {@link LocalInfra}'s servers: what {@code ./bulk-import up} runs and what
 * the end-to-end tests drive.
 */
public final class LocalStack implements AutoCloseable {

    private final LocalInfra infra;
    private final ConfigurableApplicationContext api;
    private final ConfigurableApplicationContext relay;
    private final ConfigurableApplicationContext worker;

    private LocalStack(LocalInfra infra, ConfigurableApplicationContext api, ConfigurableApplicationContext relay,
                       ConfigurableApplicationContext worker) {
        this.infra = infra;
        this.api = api;
        this.relay = relay;
        this.worker = worker;
    }

    /** Ports of the services; 0 picks a free one. */
    public record Ports(int api, int apiManagement, int relay, int worker) {
        public static final Ports DEFAULT = new Ports(8080, 8081, 8082, 8083);
        public static final Ports ANY = new Ports(0, 0, 0, 0);
    }

    /** @param extra more properties for all three services (e.g. {@code bulkimport.ingest.batch-size}) */
    public static LocalStack start(LocalInfra infra, Ports ports, Map<String, String> extra) {
        return start(infra, ports, extra, true);
    }

    /** @param withWorker false when the worker runs elsewhere (its own JVM, as in the benchmarks) */
    public static LocalStack start(LocalInfra infra, Ports ports, Map<String, String> extra, boolean withWorker) {
        Map<String, String> common = new java.util.LinkedHashMap<>(infra.springProperties());
        common.put("spring.main.banner-mode", "off");
        common.put("spring.main.register-shutdown-hook", "false");
        common.putAll(extra);
        ConfigurableApplicationContext api = run(ImportApiApplication.class, "import-api", common,
                Map.of("server.port", ports.api(), "management.server.port", ports.apiManagement()));
        ConfigurableApplicationContext relay = run(RelayApplication.class, "outbox-relay", common,
                Map.of("server.port", ports.relay()));
        ConfigurableApplicationContext worker = withWorker ? run(WorkerApplication.class, "batch-worker", common,
                Map.of("server.port", ports.worker())) : null;
        return new LocalStack(infra, api, relay, worker);
    }

    private static ConfigurableApplicationContext run(Class<?> app, String configName, Map<String, String> common,
                                                      Map<String, Integer> ports) {
        List<String> args = new ArrayList<>();
        args.add("--spring.config.name=" + configName);
        common.forEach((key, value) -> args.add("--" + key + "=" + value));
        ports.forEach((key, value) -> args.add("--" + key + "=" + value));
        return new SpringApplicationBuilder(app).run(args.toArray(String[]::new));
    }

    public LocalInfra infra() {
        return infra;
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + port(api, "local.server.port");
    }

    public String apiManagementUrl() {
        return "http://127.0.0.1:" + port(api, "local.management.port");
    }

    public String relayUrl() {
        return "http://127.0.0.1:" + port(relay, "local.server.port");
    }

    public String workerUrl() {
        return worker == null ? null : "http://127.0.0.1:" + port(worker, "local.server.port");
    }

    public ConfigurableApplicationContext api() {
        return api;
    }

    public ConfigurableApplicationContext relay() {
        return relay;
    }

    public ConfigurableApplicationContext worker() {
        return worker;
    }

    private static String port(ConfigurableApplicationContext context, String property) {
        return context.getEnvironment().getProperty(property);
    }

    /** Stops the services, consumers first, so nothing is mid-flight when the database goes. */
    @Override
    public void close() {
        if (worker != null) {
            worker.close();
        }
        relay.close();
        api.close();
    }
}
