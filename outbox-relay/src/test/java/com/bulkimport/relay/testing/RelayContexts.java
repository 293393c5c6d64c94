package com.bulkimport.relay.testing;

import com.bulkimport.local.embedded.LocalInfra;
import com.bulkimport.relay.RelayApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whole relay instances with their loops running, as separate Spring contexts in this JVM. Tests
 * close them themselves: a running relay left in Spring's test context cache would go on claiming
 * rows that later tests expect to find.
 */
public final class RelayContexts {

    private RelayContexts() {
    }

    public static ConfigurableApplicationContext start(LocalInfra infra, Map<String, String> properties) {
        Map<String, String> all = new LinkedHashMap<>(infra.springProperties());
        all.put("spring.config.name", "outbox-relay");
        all.put("server.port", "0");
        all.put("management.server.port", "0");
        all.put("spring.main.banner-mode", "off");
        all.put("spring.main.register-shutdown-hook", "false");
        all.putAll(properties);
        // as arguments: they must win over outbox-relay.yml, as they would on a command line
        String[] args = all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(RelayApplication.class).run(args);
    }
}
