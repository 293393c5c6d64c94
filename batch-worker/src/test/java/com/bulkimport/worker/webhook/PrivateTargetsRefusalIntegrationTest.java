package com.bulkimport.worker.webhook;

import com.bulkimport.local.embedded.LocalInfra;
import com.bulkimport.worker.WorkerApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Private webhook targets are a local stack's: a worker told to allow them anywhere else does not start. */
class PrivateTargetsRefusalIntegrationTest {

    static final LocalInfra INFRA = LocalInfra.shared();

    @Test
    void allowingPrivateTargetsOutsideTheLocalProfile() {
        Map<String, String> all = new LinkedHashMap<>(INFRA.springProperties());
        all.put("spring.config.name", "batch-worker");
        all.put("server.port", "0");
        all.put("management.server.port", "0");
        all.put("spring.main.banner-mode", "off");
        all.put("spring.main.register-shutdown-hook", "false");
        all.put("bulkimport.worker.enabled", "false");
        all.put("bulkimport.webhooks.enabled", "false");
        all.put("bulkimport.mail.enabled", "false");
        all.put("bulkimport.webhooks.allow-private-targets", "true");
        List<String> args = new ArrayList<>();
        all.forEach((key, value) -> args.add("--" + key + "=" + value));

        Throwable refused = catchThrowable(() -> {
            ConfigurableApplicationContext started = new SpringApplicationBuilder(WorkerApplication.class)
                    .run(args.toArray(String[]::new));
            started.close();
        });
        while (refused != null && refused.getCause() != null) {
            refused = refused.getCause();
        }

        assertThat(refused).isInstanceOf(IllegalStateException.class).hasMessage(
                "bulkimport.webhooks.allow-private-targets=true (WEBHOOKS_ALLOW_PRIVATE_TARGETS) lets webhooks reach"
                        + " private, loopback and link-local addresses, the cloud metadata service among them: only a"
                        + " local stack may set it (Spring profile 'local', SPRING_PROFILES_ACTIVE=local, which"
                        + " ./bulk-import up and docker compose set); batch-worker does not start with it");
    }
}
