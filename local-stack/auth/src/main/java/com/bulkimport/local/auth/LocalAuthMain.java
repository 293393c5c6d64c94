package com.bulkimport.local.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The local sign-in server on its own, for the docker-compose stack, where the services run in their
 * own containers and need an issuer they can reach. It signs in the demo users of {@code local-auth.yml}
 * (the CLI client even without a password): local only, never in production, where the services trust a
 * real OIDC issuer instead. Configured from the environment:
 * <ul>
 *   <li>{@code BULKIMPORT_AUTH_PORT} (8084): where it listens;</li>
 *   <li>{@code BULKIMPORT_AUTH_ISSUER} ({@code http://127.0.0.1:<port>}): the issuer stamped into tokens and
 *       discovery; in a container the address browsers and the CLI reach it at, not the container's own name;</li>
 *   <li>{@code BULKIMPORT_WEB_ORIGINS} ({@code http://127.0.0.1:8080,http://localhost:8080}): where the web UI is
 *       served, comma-separated; each becomes a redirect URI ({@code origin/}) and a CORS origin of the web client;</li>
 *   <li>{@code BULKIMPORT_AUTH_ADDRESS} ({@code 127.0.0.1}): the address it listens on, loopback only
 *       ({@link LoopbackOnly}) unless {@code BULKIMPORT_AUTH_IN_CONTAINER=true}, which compose sets with
 *       {@code 0.0.0.0}: the other containers reach it by the container's interface, this machine by the port
 *       compose publishes on 127.0.0.1.</li>
 * </ul>
 */
public final class LocalAuthMain {

    private static final Logger log = LoggerFactory.getLogger(LocalAuthMain.class);

    static final String PORT = "BULKIMPORT_AUTH_PORT";
    static final String ISSUER = "BULKIMPORT_AUTH_ISSUER";
    static final String WEB_ORIGINS = "BULKIMPORT_WEB_ORIGINS";
    static final String ADDRESS = "BULKIMPORT_AUTH_ADDRESS";
    static final String IN_CONTAINER = "BULKIMPORT_AUTH_IN_CONTAINER";

    private LocalAuthMain() {
    }

    /** The server's settings, read from environment variables (unset or blank: the local stack's defaults). */
    record Settings(String issuer, int port, List<String> webOrigins, String address, boolean inContainer) {

        static Settings from(Map<String, String> env) {
            int port = port(value(env, PORT, "8084"));
            String issuer = issuer(value(env, ISSUER, "http://127.0.0.1:" + port));
            List<String> origins = Arrays.stream(value(env, WEB_ORIGINS, "http://127.0.0.1:8080,http://localhost:8080")
                    .split(",")).map(String::strip).filter(o -> !o.isEmpty()).map(Settings::origin).toList();
            if (origins.isEmpty()) {
                throw new IllegalArgumentException(WEB_ORIGINS + " names no origin: the web UI could not sign in");
            }
            return new Settings(issuer, port, origins, value(env, ADDRESS, "127.0.0.1"), flag(value(env, IN_CONTAINER,
                    "false")));
        }

        private static boolean flag(String value) {
            if (value.equals("true") || value.equals("false")) {
                return Boolean.parseBoolean(value);
            }
            throw new IllegalArgumentException(IN_CONTAINER + " is true or false, not '" + value + "'");
        }

        private static String value(Map<String, String> env, String name, String fallback) {
            String value = env.get(name);
            return value == null || value.isBlank() ? fallback : value.strip();
        }

        private static int port(String value) {
            try {
                int port = Integer.parseInt(value);
                if (port >= 1 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // refused below, with the variable's name
            }
            throw new IllegalArgumentException(PORT + " must be a port number (1-65535), not '" + value + "'");
        }

        /** Resource servers compare {@code iss} character by character: a trailing slash would fail every token. */
        private static String issuer(String value) {
            URI uri = httpUri(ISSUER, value);
            if (value.endsWith("/") || uri.getQuery() != null || uri.getFragment() != null) {
                throw new IllegalArgumentException(ISSUER + " must be an http(s) URL without a trailing slash, query"
                        + " or fragment (it must equal the services' issuer URI exactly), not '" + value + "'");
            }
            return value;
        }

        /** An origin is scheme, host and port only: browsers send exactly that in {@code Origin}. */
        private static String origin(String value) {
            URI uri = httpUri(WEB_ORIGINS, value);
            if (!(uri.getRawPath() == null || uri.getRawPath().isEmpty()) || uri.getQuery() != null
                    || uri.getFragment() != null) {
                throw new IllegalArgumentException(WEB_ORIGINS + " takes origins (http://host:port, no path),"
                        + " not '" + value + "'");
            }
            return value;
        }

        private static URI httpUri(String name, String value) {
            try {
                URI uri = new URI(value);
                if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                    return uri;
                }
            } catch (URISyntaxException e) {
                // refused below, with the variable's name
            }
            throw new IllegalArgumentException(name + " must be an absolute http(s) URL, not '" + value + "'");
        }
    }

    static ConfigurableApplicationContext start(Map<String, String> env, String... args) {
        Settings settings = Settings.from(env);
        ConfigurableApplicationContext context = LocalAuthServer.start(settings.issuer(), settings.port(),
                settings.webOrigins(), Map.of("server.address", settings.address(),
                        "bulkimport.local-auth.in-container", String.valueOf(settings.inContainer())), args);
        // said on every start, since this server hands out tokens for demo users to anyone who asks
        log.warn("local sign-in server with demo users {}, for local use only, never in production: issuer {},"
                        + " address {}, port {}, web UI at {}", context.getBean(LocalAuthProperties.class).users().keySet(),
                settings.issuer(), settings.address(), settings.port(), settings.webOrigins());
        return context;
    }

    public static void main(String[] args) {
        start(System.getenv(), args);
    }
}
