package com.bulkimport.local.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The real servers the services need, on loopback: PostgreSQL, an SQS server, an S3 server, the
 * PutEvents endpoint that routes into the queues and an SMTP (+ IMAP) server. The launcher starts one for a laptop; each test
 * JVM shares one ({@link #shared()}).
 */
public final class LocalInfra implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalInfra.class);
    public static final String BUCKET = "bulk-import-uploads";
    /** Product images, content-addressed (docs/architecture.md, "Product images"). */
    public static final String IMAGES_BUCKET = "bulk-import-images";

    private static LocalInfra shared;

    private final PostgresServer postgres;
    private final SqsServer sqs;
    private final S3Server s3;
    private final PutEventsEndpoint events;
    private final EventRules rules;
    private final MailServer mail;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final java.util.Deque<AutoCloseable> users = new java.util.concurrent.ConcurrentLinkedDeque<>();

    private LocalInfra(PostgresServer postgres, SqsServer sqs, S3Server s3, PutEventsEndpoint events, EventRules rules,
                       MailServer mail) {
        this.postgres = postgres;
        this.sqs = sqs;
        this.s3 = s3;
        this.events = events;
        this.rules = rules;
        this.mail = mail;
    }

    /** Ports; 0 picks a free one. */
    public record Ports(int postgres, int sqs, int s3, int events, int smtp, int imap) {
        public static final Ports ANY = new Ports(0, 0, 0, 0, 0, 0);

        /** Free ports for the mail server. */
        public Ports(int postgres, int sqs, int s3, int events) {
            this(postgres, sqs, s3, events, 0, 0);
        }
    }

    /** Servers whose PostgreSQL is durable ({@link PostgresServer.Durability#DURABLE}). */
    public static LocalInfra start(Path dataDirectory, Ports ports) throws IOException, InterruptedException {
        return start(dataDirectory, ports, PostgresServer.Durability.DURABLE);
    }

    /**
     * @param dataDirectory where PostgreSQL and the object store keep their files; null for throw-away ones
     * @param durability    {@link PostgresServer.Durability#THROWAWAY} only for data a test or benchmark throws away
     */
    public static LocalInfra start(Path dataDirectory, Ports ports, PostgresServer.Durability durability)
            throws IOException, InterruptedException {
        boolean throwAway = dataDirectory == null;
        Path base = throwAway ? Files.createTempDirectory("bulk-import-") : dataDirectory;
        EventRules rules = EventRules.load();
        PostgresServer postgres = PostgresServer.start(throwAway ? null : base.resolve("postgres"), ports.postgres(),
                durability);
        SqsServer sqs = null;
        S3Server s3 = null;
        PutEventsEndpoint events = null;
        MailServer mail = null;
        try {
            sqs = SqsServer.start(ports.sqs(), rules);
            s3 = S3Server.start(base.resolve("s3"), ports.s3());
            events = PutEventsEndpoint.start(ports.events(), rules, sqs);
            mail = MailServer.start(ports.smtp(), ports.imap());
            LocalInfra infra = new LocalInfra(postgres, sqs, s3, events, rules, mail);
            infra.createBucket();
            return infra;
        } catch (Exception | Error e) {
            // PostgreSQL runs as a daemon of its own: a failed start must not leave it running
            for (AutoCloseable started : new AutoCloseable[] {mail, events, s3, sqs, postgres}) {
                closeAfterFailure(started, e);
            }
            throw e;
        }
    }

    private static void closeAfterFailure(AutoCloseable started, Throwable failure) {
        if (started == null) {
            return;
        }
        try {
            started.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }

    /** One set of servers per JVM, stopped when the JVM exits; the tests' data is thrown away, so never fsynced. */
    public static synchronized LocalInfra shared() {
        if (shared == null) {
            try {
                shared = start(null, Ports.ANY, PostgresServer.Durability.THROWAWAY);
            } catch (IOException e) {
                throw new IllegalStateException("could not start the local servers", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the local servers", e);
            }
            LocalInfra started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::closeQuietly, "local-infra-stop"));
        }
        return shared;
    }

    private void createBucket() {
        try (var client = software.amazon.awssdk.services.s3.S3Client.builder()
                .endpointOverride(java.net.URI.create(s3.endpoint()))
                .region(Region.of(LocalCredentials.REGION))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalCredentials.ACCESS_KEY, LocalCredentials.SECRET_KEY)))
                .build()) {
            for (String bucket : List.of(BUCKET, IMAGES_BUCKET)) {
                boolean exists = client.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(bucket));
                if (!exists) {
                    client.createBucket(b -> b.bucket(bucket));
                }
            }
        }
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public SqsServer sqs() {
        return sqs;
    }

    public S3Server s3() {
        return s3;
    }

    public PutEventsEndpoint events() {
        return events;
    }

    public EventRules rules() {
        return rules;
    }

    /** The SMTP server the worker sends through, and its IMAP side to read what arrived. */
    public MailServer mail() {
        return mail;
    }

    public String workQueueUrl() {
        return sqs.queueUrl("work");
    }

    public String workDeadLetterQueueUrl() {
        return sqs.queueUrl("work-dlq");
    }

    /**
     * Spring properties that point every service at these servers (see each service's
     * {@code application.yml} for the names).
     */
    public Map<String, String> springProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("spring.datasource.url", postgres.jdbcUrl());
        p.put("spring.datasource.username", postgres.user());
        p.put("spring.datasource.password", postgres.password());
        p.put("bulkimport.aws.region", LocalCredentials.REGION);
        p.put("bulkimport.aws.access-key-id", LocalCredentials.ACCESS_KEY);
        p.put("bulkimport.aws.secret-access-key", LocalCredentials.SECRET_KEY);
        p.put("bulkimport.s3.endpoint", s3.endpoint());
        p.put("bulkimport.s3.bucket", BUCKET);
        p.put("bulkimport.images.bucket", IMAGES_BUCKET);
        p.put("bulkimport.sqs.endpoint", sqs.endpoint());
        p.put("bulkimport.sqs.work-queue-url", workQueueUrl());
        p.put("bulkimport.sqs.high-work-queue-url", sqs.queueUrl("work-high"));
        p.put("bulkimport.sqs.low-work-queue-url", sqs.queueUrl("work-low"));
        p.put("bulkimport.sqs.dead-letter-queue-url", workDeadLetterQueueUrl());
        p.put("bulkimport.events.endpoint", events.endpoint());
        p.put("bulkimport.events.bus-name", rules.busName());
        p.put("spring.mail.host", mail.host());
        p.put("spring.mail.port", Integer.toString(mail.smtpPort()));
        return p;
    }

    /** Stops the servers when the JVM exits, also on a signal (a killed benchmark must not leave PostgreSQL running). */
    public LocalInfra stopOnExit() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::closeQuietly, "local-infra-stop"));
        return this;
    }

    private void closeQuietly() {
        try {
            close();
        } catch (Exception e) {
            log.warn("stopping the local servers: {}", e.toString());
        }
    }

    /**
     * {@code user} (a stack running on these servers) is closed before them, the last registered first, whoever
     * closes them: the exit hook too, which would otherwise race the user's own and stop PostgreSQL under it.
     */
    public void closeFirst(AutoCloseable user) {
        users.push(user);
    }

    @Override
    public void close() throws Exception {
        if (!closed.compareAndSet(false, true)) {
            return; // closed already, by its owner or by the exit hook
        }
        for (AutoCloseable user = users.poll(); user != null; user = users.poll()) {
            try {
                user.close();
            } catch (Exception e) {
                log.warn("stopping what ran on the local servers: {}", e.toString());
            }
        }
        mail.close();
        events.close();
        s3.close();
        sqs.close();
        postgres.close();
    }
}
