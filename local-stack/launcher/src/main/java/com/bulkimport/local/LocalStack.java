package com.bulkimport.local;

import com.bulkimport.api.ImportApiApplication;
import com.bulkimport.local.auth.LocalAuthServer;
import com.bulkimport.local.auth.LocalSignIn;
import com.bulkimport.local.embedded.FreePorts;
import com.bulkimport.local.embedded.LocalInfra;
import com.bulkimport.relay.RelayApplication;
import com.bulkimport.worker.WorkerApplication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The three services in one process, each its own Spring application (own config file, own ports,
 * own beans), pointed at {@link LocalInfra}'s servers, plus a fourth small one that signs users in
 * ({@link LocalAuthServer}; the services trust its tokens): what {@code ./bulk-import up} runs and
 * what the end-to-end tests drive.
 */
public final class LocalStack implements AutoCloseable {

    /** The authorization server's auto-configuration stays out of the services that share its classpath here. */
    static final String NOT_AN_ISSUER = String.join(",",
            "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet"
                    + ".OAuth2AuthorizationServerAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet"
                    + ".OAuth2AuthorizationServerJwtAutoConfiguration");

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);
    private static final int PORT_ATTEMPTS = 3;

    /** Where every listener of the local stack binds: its URLs say 127.0.0.1, and nothing else may reach it. */
    static final String LOOPBACK = "127.0.0.1";

    private final LocalInfra infra;
    private final ConfigurableApplicationContext auth;
    private final ConfigurableApplicationContext api;
    private final ConfigurableApplicationContext relay;
    private final ConfigurableApplicationContext worker;

    private LocalStack(LocalInfra infra, ConfigurableApplicationContext auth, ConfigurableApplicationContext api,
                       ConfigurableApplicationContext relay, ConfigurableApplicationContext worker) {
        this.infra = infra;
        this.auth = auth;
        this.api = api;
        this.relay = relay;
        this.worker = worker;
    }

    /** Ports of the services and their management ports (Actuator); 0 picks a free one. */
    public record Ports(int api, int apiManagement, int relay, int relayManagement, int worker, int workerManagement,
                        int auth) {
        public static final Ports DEFAULT = new Ports(8080, 8081, 8082, 9082, 8083, 9083, 8084);
        public static final Ports ANY = new Ports(0, 0, 0, 0, 0, 0, 0);

        /** Whether the stack picks some server port ahead of its start. */
        boolean picksAny() {
            // the management ports are bound by their servers (0 there never races): these four are picked ahead
            return api == 0 || relay == 0 || worker == 0 || auth == 0;
        }
    }

    /** @param extra more properties for all three services (e.g. {@code bulkimport.ingest.batch-size}) */
    public static LocalStack start(LocalInfra infra, Ports ports, Map<String, String> extra) {
        return start(infra, ports, extra, true);
    }

    /** @param withWorker false when the worker runs elsewhere (its own JVM, as in the benchmarks) */
    public static LocalStack start(LocalInfra infra, Ports ports, Map<String, String> extra, boolean withWorker) {
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(infra, ports, extra, withWorker);
            } catch (RuntimeException e) {
                // a port picked here was taken before its server bound it: pick again (a port asked for is not retried)
                if (attempt >= PORT_ATTEMPTS || !portTaken(e) || !ports.picksAny()) {
                    throw e;
                }
                log.warn("a port picked for the local stack was taken before its server started ({}); picking again",
                        e.toString());
            }
        }
    }

    private static boolean portTaken(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.BindException || cause instanceof PortInUseException) {
                return true;
            }
        }
        return false;
    }

    private static LocalStack startOnce(LocalInfra infra, Ports ports, Map<String, String> extra, boolean withWorker) {
        // the issuer must be known before it starts (it is stamped into tokens), and it must know the web UI's
        // address (its redirect URI and origin) and the API the relay's and worker's admin pages: ports come first
        int authPort = ports.auth() == 0 ? FreePorts.find() : ports.auth();
        int apiPort = ports.api() == 0 ? FreePorts.find() : ports.api();
        int relayPort = ports.relay() == 0 ? FreePorts.find() : ports.relay();
        int workerPort = ports.worker() == 0 ? FreePorts.find() : ports.worker();
        String issuer = "http://127.0.0.1:" + authPort;
        // the web UI at the API's address (both spellings of loopback) is the sign-in server's public client
        ConfigurableApplicationContext auth = LocalAuthServer.start(issuer, authPort,
                List.of("http://127.0.0.1:" + apiPort, "http://localhost:" + apiPort),
                Map.of("spring.main.banner-mode", "off", "spring.main.register-shutdown-hook", "false",
                        "server.address", LOOPBACK));
        Map<String, String> common = new java.util.LinkedHashMap<>(infra.springProperties());
        // this machine only: the services trust the sign-in server, which signs anyone in as admin
        common.put("server.address", LOOPBACK);
        common.put("bulkimport.operations.relay-url", "http://127.0.0.1:" + relayPort);
        common.put("bulkimport.operations.worker-url", "http://127.0.0.1:" + workerPort);
        common.put("spring.main.banner-mode", "off");
        common.put("spring.main.register-shutdown-hook", "false");
        common.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer);
        common.put("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", issuer + "/oauth2/jwks");
        common.put("spring.autoconfigure.exclude", NOT_AN_ISSUER);
        // a local stack: import-api trusts this http issuer on loopback only under this profile
        common.put("spring.profiles.active", "local");
        // webhooks to receivers on this machine (http, loopback): refused anywhere but a local stack
        common.put("bulkimport.webhooks.allow-private-targets", "true");
        // a demo key (the 32 bytes of "local-stack-demo-key-not-secret!"): webhook secrets are sealed here as they should be in production
        common.put("bulkimport.secrets.key", "bG9jYWwtc3RhY2stZGVtby1rZXktbm90LXNlY3JldCE=");
        common.put("bulkimport.mail.base-url", "http://127.0.0.1:" + apiPort);
        // a person reads this log: plain lines unless LOG_FORMAT asks for the services' JSON (ecs, logstash, gelf)
        common.put("LOG_FORMAT", System.getenv().getOrDefault("LOG_FORMAT", "plain"));
        common.putAll(extra);
        ConfigurableApplicationContext api = null;
        ConfigurableApplicationContext relay = null;
        try {
            api = run(ImportApiApplication.class, "import-api", common, Map.of("server.port", apiPort,
                    "management.server.port", ports.apiManagement(), "management.server.address", LOOPBACK));
            relay = run(RelayApplication.class, "outbox-relay", common, Map.of("server.port", relayPort,
                    "management.server.port", ports.relayManagement(), "management.server.address", LOOPBACK));
            ConfigurableApplicationContext worker = withWorker ? run(WorkerApplication.class, "batch-worker", common,
                    Map.of("server.port", workerPort, "management.server.port", ports.workerManagement(),
                            "management.server.address", LOOPBACK)) : null;
            return new LocalStack(infra, auth, api, relay, worker);
        } catch (RuntimeException e) {
            for (ConfigurableApplicationContext started : new ConfigurableApplicationContext[] {relay, api, auth}) {
                if (started != null) {
                    started.close();
                }
            }
            throw e;
        }
    }

    private static ConfigurableApplicationContext run(Class<?> app, String configName, Map<String, String> common,
                                                      Map<String, Object> own) {
        List<String> args = new ArrayList<>();
        args.add("--spring.config.name=" + configName);
        common.forEach((key, value) -> args.add("--" + key + "=" + value));
        own.forEach((key, value) -> args.add("--" + key + "=" + value));
        return new SpringApplicationBuilder(app).run(args.toArray(String[]::new));
    }

    public LocalInfra infra() {
        return infra;
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + port(api, "local.server.port");
    }

    /** The issuer (the local sign-in server), e.g. {@code http://127.0.0.1:8084}. */
    public String authUrl() {
        return "http://127.0.0.1:" + port(auth, "local.server.port");
    }

    /** An access token for a demo user ({@code alice}, {@code bob}, {@code carol}, {@code admin}). */
    public String token(String user) {
        return new LocalSignIn(authUrl(), auth.getEnvironment().getProperty("bulkimport.local-auth.cli-client.id"),
                auth.getEnvironment().getProperty("bulkimport.local-auth.cli-client.secret")).token(user);
    }

    public ConfigurableApplicationContext auth() {
        return auth;
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

    /** The relay's Actuator (health, metrics), on a port of its own as in production. */
    public String relayManagementUrl() {
        return "http://127.0.0.1:" + port(relay, "local.management.port");
    }

    public String workerManagementUrl() {
        return worker == null ? null : "http://127.0.0.1:" + port(worker, "local.management.port");
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
        auth.close();
    }
}
