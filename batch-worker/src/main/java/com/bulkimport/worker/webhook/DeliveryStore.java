package com.bulkimport.worker.webhook;

import com.bulkimport.support.secrets.SecretBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@code webhook_deliveries} as the delivery loop claims and settles them (docs/architecture.md, "Webhooks
 * and mail"). A claim takes due deliveries with {@code SKIP LOCKED}, endpoint by endpoint up to each one's free
 * slots, and moves their {@code next_attempt_at} to the end of a lease: a worker that dies mid-attempt leaves
 * them due again then, with the same {@code message_id}. Outcomes are guarded by the attempt number, so a
 * late outcome of an attempt whose lease expired never undoes what a later attempt did.
 */
@Repository
class DeliveryStore {

    /** The attempt error of a delivery whose signing secret this worker's key cannot open. */
    static final String UNOPENABLE = "signing secret cannot be opened: check SECRETS_KEY";
    private static final Logger log = LoggerFactory.getLogger(DeliveryStore.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final SecretBox secrets;

    DeliveryStore(JdbcClient jdbc, TransactionTemplate tx, SecretBox secrets) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.secrets = secrets;
    }

    /**
     * @param busy  deliveries in flight here per endpoint (they count against the endpoint's slots)
     * @param limit deliveries to claim at most (free threads)
     */
    List<Claimed> claim(Map<UUID, Integer> busy, int perEndpoint, int limit, Duration lease, String worker) {
        String busyJson = busy.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
        return jdbc.sql("""
                        WITH picked AS (
                            SELECT c.id
                            FROM webhook_endpoints e
                            CROSS JOIN LATERAL (
                                SELECT d.id FROM webhook_deliveries d
                                WHERE d.endpoint_id = e.id AND d.status = 'PENDING'
                                  AND d.next_attempt_at <= clock_timestamp()
                                ORDER BY d.next_attempt_at
                                LIMIT greatest(0, :perEndpoint
                                                  - coalesce((CAST(:busy AS jsonb) ->> e.id::text)::int, 0))
                                FOR UPDATE OF d SKIP LOCKED) c
                            WHERE e.enabled
                            LIMIT :limit)
                        UPDATE webhook_deliveries d
                        SET next_attempt_at = clock_timestamp() + make_interval(secs => :lease),
                            attempts = d.attempts + 1, claimed_by = :worker
                        FROM picked, webhook_endpoints e
                        WHERE d.id = picked.id AND e.id = d.endpoint_id
                        RETURNING d.id, d.endpoint_id, e.url, d.message_id, d.payload::text AS body, d.attempts,
                                  d.retry_from, e.secret, e.previous_secret,
                                  e.previous_secret_until > now() AS previous_signs, d.created_at""")
                .param("perEndpoint", perEndpoint).param("busy", busyJson).param("limit", limit)
                .param("lease", lease.toMillis() / 1000.0).param("worker", worker)
                .query((rs, n) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    List<String> signing = new ArrayList<>();
                    String unsigned = null;
                    try {
                        signing.add(secrets.open(rs.getString("secret")));
                        if (rs.getBoolean("previous_signs") && rs.getString("previous_secret") != null) {
                            signing.add(secrets.open(rs.getString("previous_secret")));
                        }
                    } catch (IllegalStateException e) {
                        // this delivery's failure alone: the claim committed, the others in it go out
                        log.warn("webhook delivery {}: {}", id, e.getMessage());
                        signing.clear();
                        unsigned = UNOPENABLE;
                    }
                    return new Claimed(id, rs.getObject("endpoint_id", UUID.class), rs.getString("url"),
                            rs.getString("message_id"), rs.getString("body"), rs.getInt("attempts"),
                            rs.getInt("retry_from"), List.copyOf(signing), unsigned,
                            rs.getTimestamp("created_at").toInstant());
                })
                .list();
    }

    /**
     * Deliveries claimed but never sent (the loop stopped while they waited for a slot): due at once, and the attempt
     * their claim counted undone, so the retry schedule and the attempt numbers go on as if never claimed. Only
     * while this worker's claim still holds them.
     */
    void handBack(List<Claimed> unsent, String worker) {
        jdbc.sql("""
                        UPDATE webhook_deliveries
                        SET next_attempt_at = clock_timestamp(), attempts = attempts - 1, claimed_by = NULL
                        WHERE id = ANY (:ids) AND claimed_by = :worker AND status = 'PENDING'""")
                .param("ids", unsent.stream().map(Claimed::id).toArray(UUID[]::new)).param("worker", worker)
                .update();
    }

    /** A delivered attempt, to be recorded. */
    record Success(Claimed delivery, Instant started, Outcome outcome) {
    }

    void delivered(Claimed delivery, Instant started, Outcome outcome) {
        delivered(List.of(new Success(delivery, started, outcome)));
    }

    /**
     * DELIVERED, each attempt logged and its endpoint's failure streak over: one statement for them all. Only while
     * a delivery is still at its attempt: a success reported after its lease ended, when a later attempt holds the
     * delivery, is logged but decides nothing.
     */
    void delivered(List<Success> successes) {
        jdbc.sql("""
                        WITH done AS (
                            SELECT * FROM unnest(CAST(:ids AS uuid[]), CAST(:attempts AS int[]),
                                                 CAST(:endpoints AS uuid[]), CAST(:started AS bigint[]), CAST(:durations AS int[]),
                                                 CAST(:statuses AS int[]), CAST(:responses AS text[]))
                                AS u(id, attempt, endpoint_id, started_us, duration_ms, status_code, response)),
                        attempt AS (
                            INSERT INTO webhook_attempts (delivery_id, attempt, started_at, duration_ms, status_code,
                                                          error, response)
                            SELECT id, attempt, to_timestamp(started_us / 1e6), duration_ms, status_code, NULL, response
                            FROM done
                            ON CONFLICT DO NOTHING),
                        streak AS (
                            UPDATE webhook_endpoints SET failing_since = NULL
                            WHERE id IN (SELECT endpoint_id FROM done) AND failing_since IS NOT NULL)
                        UPDATE webhook_deliveries d SET status = 'DELIVERED', delivered_at = clock_timestamp(),
                            last_status_code = u.status_code, last_duration_ms = u.duration_ms, last_error = NULL,
                            last_attempt_at = to_timestamp(u.started_us / 1e6), claimed_by = NULL
                        FROM done u
                        WHERE d.id = u.id AND d.status = 'PENDING' AND d.attempts = u.attempt""")
                .param("ids", successes.stream().map(s -> s.delivery().id()).toArray(UUID[]::new))
                .param("attempts", successes.stream().map(s -> s.delivery().attempt()).toArray(Integer[]::new))
                .param("endpoints", successes.stream().map(s -> s.delivery().endpointId()).toArray(UUID[]::new))
                .param("started", successes.stream().map(s -> micros(s.started())).toArray(Long[]::new))
                .param("durations", successes.stream().map(s -> (int) s.outcome().durationMs()).toArray(Integer[]::new))
                .param("statuses", successes.stream().map(s -> s.outcome().statusCode()).toArray(Integer[]::new))
                .param("responses", successes.stream().map(s -> s.outcome().response()).toArray(String[]::new))
                .update();
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }

    /** What a failed attempt led to. */
    enum Next { RETRY, FAILED, ENDPOINT_DISABLED }

    /**
     * Logs the attempt and schedules the next one after {@code retryIn}, or fails the delivery when none is left
     * (null); a 410 fails it and disables the endpoint; an endpoint failing for {@code disableAfter} is disabled,
     * with a mail to its owner when they set an address. An unsigned delivery ({@link Claimed#unsigned()}) never
     * counts against its endpoint.
     */
    Next failed(Claimed delivery, Instant started, Outcome outcome, Duration retryIn, Duration disableAfter) {
        return tx.execute(status -> {
            jdbc.sql("""
                            INSERT INTO webhook_attempts (delivery_id, attempt, started_at, duration_ms, status_code,
                                                          error, response)
                            VALUES (:id, :attempt, :started, :duration, :status, :error, :response)
                            ON CONFLICT DO NOTHING""")
                    .param("id", delivery.id()).param("attempt", delivery.attempt())
                    .param("started", Timestamp.from(started)).param("duration", (int) outcome.durationMs())
                    .param("status", number(outcome.statusCode())).param("error", text(outcome.error()))
                    .param("response", text(outcome.response())).update();
            boolean retry = retryIn != null && !outcome.gone();
            jdbc.sql("""
                            UPDATE webhook_deliveries SET
                                status = CASE WHEN :retry THEN 'PENDING' ELSE 'FAILED' END,
                                next_attempt_at = CASE WHEN :retry THEN clock_timestamp() + make_interval(secs => :wait)
                                                       ELSE next_attempt_at END,
                                last_status_code = :status, last_duration_ms = :duration, last_error = :error,
                                last_attempt_at = :started, claimed_by = NULL
                            WHERE id = :id AND status = 'PENDING' AND attempts = :attempt""")
                    .param("retry", retry).param("wait", retryIn == null ? 0.0 : retryIn.toMillis() / 1000.0)
                    .param("status", number(outcome.statusCode())).param("duration", (int) outcome.durationMs())
                    .param("error", text(outcome.error())).param("started", Timestamp.from(started))
                    .param("id", delivery.id()).param("attempt", delivery.attempt()).update();
            if (outcome.gone()) {
                disable(delivery.endpointId(), "GONE", "the receiver answered 410 Gone");
                return Next.ENDPOINT_DISABLED;
            }
            if (delivery.unsigned() != null) {
                // this worker's configuration failed, not the receiver: its failure streak is not started or lengthened
                return retry ? Next.RETRY : Next.FAILED;
            }
            Boolean failingTooLong = jdbc.sql("""
                            UPDATE webhook_endpoints SET failing_since = coalesce(failing_since, :started)
                            WHERE id = :endpoint
                            RETURNING enabled AND failing_since < now() - make_interval(secs => :after)""")
                    .param("started", Timestamp.from(started)).param("endpoint", delivery.endpointId())
                    .param("after", disableAfter.toSeconds()).query(Boolean.class).optional().orElse(false);
            if (Boolean.TRUE.equals(failingTooLong)) {
                disable(delivery.endpointId(), "FAILING", "every attempt failed for " + disableAfter.toDays()
                        + " days");
                tellOwner(delivery.endpointId(), disableAfter);
                return Next.ENDPOINT_DISABLED;
            }
            return retry ? Next.RETRY : Next.FAILED;
        });
    }

    /** Typed, so a null costs no describe round trip (Spring asks the driver for an untyped null's type). */
    private static SqlParameterValue text(String value) {
        return new SqlParameterValue(Types.VARCHAR, value);
    }

    private static SqlParameterValue number(Integer value) {
        return new SqlParameterValue(Types.INTEGER, value);
    }

    private void disable(UUID endpoint, String reason, String why) {
        int changed = jdbc.sql("""
                        UPDATE webhook_endpoints SET enabled = false, disabled_reason = :reason, disabled_at = now(),
                            updated_at = now()
                        WHERE id = :id AND enabled""")
                .param("reason", reason).param("id", endpoint).update();
        if (changed == 1) {
            jdbc.sql("""
                            UPDATE webhook_deliveries SET status = 'FAILED',
                                last_error = coalesce(last_error, 'the webhook was disabled: ' || :why)
                            WHERE endpoint_id = :id AND status = 'PENDING'""")
                    .param("why", why).param("id", endpoint).update();
        }
    }

    /** The owner hears of it by mail when they set an address (the mail feature sends it). */
    private void tellOwner(UUID endpoint, Duration disableAfter) {
        jdbc.sql("""
                        INSERT INTO email_notifications (reason, recipients, payload)
                        SELECT 'WEBHOOK_DISABLED', s.email,
                               jsonb_build_object('webhook_id', e.id, 'url', e.url, 'tenant', e.tenant,
                                                  'failing_since', e.failing_since, 'days', CAST(:days AS int))
                        FROM webhook_endpoints e JOIN notification_settings s ON s.owner = e.owner
                        WHERE e.id = :id AND cardinality(s.email) > 0""")
                .param("days", (int) disableAfter.toDays()).param("id", endpoint).update();
    }
}
