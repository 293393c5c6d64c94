package com.bulkimport.api.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.env.Environment;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Matches requests that arrived on the management port (Actuator), which is never routed to the
 * public: there every endpoint is open to the network operators and the load balancer's health
 * checks. When management shares the public port, nothing matches and the public rules apply.
 */
final class ManagementPort implements RequestMatcher {

    private final Environment environment;

    ManagementPort(Environment environment) {
        this.environment = environment;
    }

    @Override
    public boolean matches(HttpServletRequest request) {
        Integer management = environment.getProperty("local.management.port", Integer.class);
        Integer server = environment.getProperty("local.server.port", Integer.class);
        return management != null && management > 0 && !management.equals(server)
                && request.getLocalPort() == management;
    }
}
