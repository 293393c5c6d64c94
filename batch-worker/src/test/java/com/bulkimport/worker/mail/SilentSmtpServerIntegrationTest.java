package com.bulkimport.worker.mail;

import com.bulkimport.local.embedded.LocalInfra;
import com.bulkimport.worker.WorkerApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An SMTP server that accepts the connection and never says a word: the send fails within the worker's SMTP
 * read timeout and is recorded, and while it hangs the other scheduled tasks (here the retention sweep, every
 * 200 ms) still run. The shipped timeout (30 s, in batch-worker.yml) is read from the file; the test runs with
 * 3 s, so the suite does not wait half a minute for it.
 */
@SpringBootTest(classes = WorkerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=batch-worker", "bulkimport.worker.enabled=false", "server.port=0",
                "bulkimport.webhooks.enabled=false", "bulkimport.mail.enabled=true",
                "bulkimport.mail.poll-interval=200ms", "bulkimport.retention.interval=200ms",
                "spring.mail.properties.mail.smtp.timeout=3000"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SilentSmtpServerIntegrationTest {

    static final LocalInfra INFRA = LocalInfra.shared();
    static final ServerSocket SILENT;
    static final List<Socket> HELD = new CopyOnWriteArrayList<>();

    static {
        try {
            SILENT = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
        Thread acceptor = new Thread(() -> {
            while (!SILENT.isClosed()) {
                try {
                    HELD.add(SILENT.accept());
                } catch (IOException e) {
                    return;
                }
            }
        }, "silent-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        INFRA.springProperties().forEach((key, value) -> {
            if (!key.startsWith("spring.mail.")) {
                registry.add(key, () -> value);
            }
        });
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", SILENT::getLocalPort);
    }

    @AfterAll
    static void close() throws IOException {
        SILENT.close();
        for (Socket socket : HELD) {
            socket.close();
        }
    }

    @Autowired
    JdbcClient jdbc;

    @Test
    void theShippedReadTimeoutIsThirtySeconds() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("batch-worker.yml"));
        assertThat(yaml.getObject()).containsEntry("spring.mail.properties.mail.smtp.timeout", 30000)
                .containsEntry("spring.mail.properties.mail.smtp.connectiontimeout", 10000)
                .containsEntry("spring.mail.properties.mail.smtp.writetimeout", 30000);
    }

    @Test
    void aSilentServerFailsTheSendWithinTheTimeoutAndTheOtherScheduledTasksGoOn() throws Exception {
        // only this test's mail is due (rows other classes left PENDING would queue in front of it)
        jdbc.sql("UPDATE email_notifications SET next_attempt_at = now() + interval '1 day' WHERE status = 'PENDING'")
                .update();
        UUID mail = jdbc.sql("""
                        INSERT INTO email_notifications (reason, recipients, payload)
                        VALUES ('WEBHOOK_DISABLED', ARRAY['owner@example.test'],
                                jsonb_build_object('webhook_id', gen_random_uuid(), 'url', 'https://example.test/hook',
                                                   'tenant', 't', 'failing_since', now(), 'days', 5))
                        RETURNING id""").query(UUID.class).single();

        await("the send under way", () -> row(mail).get("attempts").equals(1) && !HELD.isEmpty());
        UUID expired = jdbc.sql("""
                        INSERT INTO email_notifications (reason, recipients, payload, status, created_at, sent_at)
                        VALUES ('JOB_FINISHED', ARRAY['a@example.test'], '{}', 'SENT', now() - interval '40 days',
                                now() - interval '40 days')
                        RETURNING id""").query(UUID.class).single();
        await("the retention sweep, while the send hangs", () -> jdbc.sql(
                "SELECT count(*) FROM email_notifications WHERE id = :id").param("id", expired).query(Long.class)
                .single() == 0);
        assertThat(row(mail)).as("the send still hangs").containsEntry("last_error", null);

        await("the send given up", () -> row(mail).get("last_error") != null);
        Map<String, Object> failed = row(mail);
        assertThat(failed).containsEntry("status", "PENDING").containsEntry("attempts", 1);
        assertThat((String) failed.get("last_error")).contains("Read timed out");
        assertThat(HELD).hasSize(1);
    }

    private Map<String, Object> row(UUID id) {
        return jdbc.sql("SELECT status, attempts, last_error FROM email_notifications WHERE id = :id").param("id", id)
                .query().singleRow();
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 60 s: " + what);
            }
            Thread.sleep(25);
        }
    }
}
