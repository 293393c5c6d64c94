package com.bulkimport.api.webhook;

import com.bulkimport.api.caller.Caller;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code webhook_endpoints} and {@code webhook_deliveries} as the API reads and changes them. An endpoint
 * belongs to its tenant: every user of the tenant sees and manages it, admins see all; every query carries
 * that scope, so another tenant's endpoint is simply not found.
 */
@Repository
class WebhookStore {

    private static final String SCOPE = "(CAST(:admin AS boolean) OR tenant = :tenant)";
    private static final String ENDPOINT_COLUMNS = "id, url, description, event_types, enabled, disabled_reason,"
            + " disabled_at, failing_since, previous_secret_until, owner, tenant, created_at, updated_at";
    private static final String DELIVERY_COLUMNS = "id, event_id, event_type, message_id, status, attempts,"
            + " last_status_code, last_duration_ms, last_error, last_attempt_at, next_attempt_at, delivered_at,"
            + " created_at";

    private final JdbcClient jdbc;

    WebhookStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Serializes creates of one tenant until the transaction ends, so the endpoint limit holds under races. */
    void lockTenant(String tenant) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('webhook_endpoints:' || :tenant))").param("tenant", tenant)
                .query().listOfRows();
    }

    long countForTenant(String tenant) {
        return jdbc.sql("SELECT count(*) FROM webhook_endpoints WHERE tenant = :tenant").param("tenant", tenant)
                .query(Long.class).single();
    }

    void insert(UUID id, Caller caller, String url, String description, List<String> eventTypes, String sealedSecret) {
        jdbc.sql("""
                        INSERT INTO webhook_endpoints (id, tenant, owner, url, description, event_types, secret)
                        VALUES (:id, :tenant, :owner, :url, :description, :types, :secret)""")
                .param("id", id).param("tenant", caller.tenant()).param("owner", caller.subject()).param("url", url)
                .param("description", description).param("types", eventTypes.toArray(String[]::new))
                .param("secret", sealedSecret).update();
    }

    Optional<WebhookView> find(Caller caller, UUID id) {
        return jdbc.sql("SELECT " + ENDPOINT_COLUMNS + " FROM webhook_endpoints WHERE id = :id AND " + SCOPE)
                .param("id", id).params(scope(caller)).query(WebhookStore::endpoint).optional();
    }

    List<WebhookView> list(Caller caller, int page, int size) {
        return jdbc.sql("SELECT " + ENDPOINT_COLUMNS + " FROM webhook_endpoints WHERE " + SCOPE
                        + " ORDER BY created_at DESC, id LIMIT :size OFFSET :offset")
                .params(scope(caller)).param("size", size).param("offset", (long) page * size)
                .query(WebhookStore::endpoint).list();
    }

    long count(Caller caller) {
        return jdbc.sql("SELECT count(*) FROM webhook_endpoints WHERE " + SCOPE).params(scope(caller))
                .query(Long.class).single();
    }

    /** Applies the fields given (null keeps one); enabling clears why it was disabled and its failure streak. */
    boolean update(Caller caller, UUID id, String url, List<String> eventTypes, String description,
                   boolean descriptionGiven, Boolean enabled) {
        return jdbc.sql("""
                        UPDATE webhook_endpoints SET
                            url = coalesce(CAST(:url AS text), url),
                            event_types = coalesce(CAST(:types AS text[]), event_types),
                            description = CASE WHEN CAST(:descriptionGiven AS boolean) THEN CAST(:description AS text)
                                               ELSE description END,
                            enabled = coalesce(CAST(:enabled AS boolean), enabled),
                            disabled_reason = CASE WHEN CAST(:enabled AS boolean) IS NULL THEN disabled_reason
                                                   WHEN CAST(:enabled AS boolean) THEN NULL
                                                   WHEN enabled THEN 'OWNER' ELSE disabled_reason END,
                            disabled_at = CASE WHEN CAST(:enabled AS boolean) IS NULL THEN disabled_at
                                               WHEN CAST(:enabled AS boolean) THEN NULL
                                               WHEN enabled THEN now() ELSE disabled_at END,
                            failing_since = CASE WHEN CAST(:enabled AS boolean) THEN NULL ELSE failing_since END,
                            updated_at = now()
                        WHERE id = :id AND""" + " " + SCOPE)
                .param("url", url).param("types", eventTypes == null ? null : eventTypes.toArray(String[]::new))
                .param("descriptionGiven", descriptionGiven).param("description", description)
                .param("enabled", enabled).param("id", id).params(scope(caller)).update() == 1;
    }

    /** A disabled endpoint's pending deliveries fail: it receives nothing while disabled (and nothing late after). */
    int failPending(UUID endpointId, String why) {
        return jdbc.sql("""
                        UPDATE webhook_deliveries SET status = 'FAILED', last_error = :why
                        WHERE endpoint_id = :id AND status = 'PENDING'""")
                .param("why", why).param("id", endpointId).update();
    }

    boolean delete(Caller caller, UUID id) {
        return jdbc.sql("DELETE FROM webhook_endpoints WHERE id = :id AND " + SCOPE).param("id", id)
                .params(scope(caller)).update() == 1;
    }

    /** @return when the previous secret stops signing, or empty for an endpoint this caller does not see */
    Optional<Instant> rotate(Caller caller, UUID id, String sealedSecret, Duration overlap) {
        return jdbc.sql("""
                        UPDATE webhook_endpoints SET previous_secret = secret, secret = :secret,
                            previous_secret_until = now() + make_interval(secs => :overlap), updated_at = now()
                        WHERE id = :id AND""" + " " + SCOPE + " RETURNING previous_secret_until")
                .param("secret", sealedSecret).param("overlap", overlap.toSeconds()).param("id", id)
                .params(scope(caller)).query((rs, n) -> instant(rs, "previous_secret_until")).optional();
    }

    /** A delivery outside the outbox: the test event goes to this one endpoint only, through the same loop. */
    DeliveryView insertDelivery(UUID endpointId, UUID eventId, String eventType, String envelopeJson) {
        return jdbc.sql("INSERT INTO webhook_deliveries (endpoint_id, event_id, event_type, message_id, payload)"
                        + " VALUES (:endpoint, :event, :type, 'msg_' || replace(gen_random_uuid()::text, '-', ''),"
                        + " CAST(:payload AS jsonb)) RETURNING " + DELIVERY_COLUMNS)
                .param("endpoint", endpointId).param("event", eventId).param("type", eventType)
                .param("payload", envelopeJson).query(WebhookStore::delivery).single();
    }

    List<DeliveryView> deliveries(UUID endpointId, int page, int size) {
        return jdbc.sql("SELECT " + DELIVERY_COLUMNS + " FROM webhook_deliveries WHERE endpoint_id = :id"
                        + " ORDER BY created_at DESC, id LIMIT :size OFFSET :offset")
                .param("id", endpointId).param("size", size).param("offset", (long) page * size)
                .query(WebhookStore::delivery).list();
    }

    long deliveryCount(UUID endpointId) {
        return jdbc.sql("SELECT count(*) FROM webhook_deliveries WHERE endpoint_id = :id").param("id", endpointId)
                .query(Long.class).single();
    }

    /**
     * Due again now with the same {@code message_id}, and a fresh retry schedule (attempts so far are kept
     * in the log; the schedule counts from {@code retry_from}). Only a DELIVERED or FAILED one: a PENDING one may be
     * in an attempt right now, and a second, concurrent one would send it twice.
     */
    Optional<DeliveryView> redeliver(UUID endpointId, UUID deliveryId) {
        return jdbc.sql("""
                        UPDATE webhook_deliveries SET status = 'PENDING', next_attempt_at = clock_timestamp(),
                            retry_from = attempts, claimed_by = NULL, delivered_at = NULL
                        WHERE id = :id AND endpoint_id = :endpoint AND status <> 'PENDING'
                        RETURNING""" + " " + DELIVERY_COLUMNS)
                .param("id", deliveryId).param("endpoint", endpointId).query(WebhookStore::delivery).optional();
    }

    /** Every attempt of one of this endpoint's deliveries, first to last; empty when it has no such delivery. */
    Optional<List<AttemptView>> attempts(UUID endpointId, UUID deliveryId) {
        boolean known = jdbc.sql("SELECT EXISTS (SELECT 1 FROM webhook_deliveries WHERE id = :id AND endpoint_id = :endpoint)")
                .param("id", deliveryId).param("endpoint", endpointId).query(Boolean.class).single();
        if (!known) {
            return Optional.empty();
        }
        return Optional.of(jdbc.sql("SELECT attempt, started_at, duration_ms, status_code, error, response"
                        + " FROM webhook_attempts WHERE delivery_id = :id ORDER BY attempt")
                .param("id", deliveryId)
                .query((rs, n) -> new AttemptView(rs.getInt("attempt"), instant(rs, "started_at"), rs.getInt("duration_ms"),
                        (Integer) rs.getObject("status_code"), rs.getString("error"), rs.getString("response")))
                .list());
    }

    boolean isPending(UUID endpointId, UUID deliveryId) {
        return jdbc.sql("SELECT status = 'PENDING' FROM webhook_deliveries WHERE id = :id AND endpoint_id = :endpoint")
                .param("id", deliveryId).param("endpoint", endpointId).query(Boolean.class).optional().orElse(false);
    }

    private static Map<String, Object> scope(Caller caller) {
        return Map.of("admin", caller.admin(), "tenant", caller.tenant());
    }

    private static WebhookView endpoint(ResultSet rs, int n) throws SQLException {
        Array types = rs.getArray("event_types");
        return new WebhookView(rs.getObject("id", UUID.class), rs.getString("url"), rs.getString("description"),
                List.of((String[]) types.getArray()), rs.getBoolean("enabled"), rs.getString("disabled_reason"),
                instant(rs, "disabled_at"), instant(rs, "failing_since"), instant(rs, "previous_secret_until"),
                rs.getString("owner"), rs.getString("tenant"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static DeliveryView delivery(ResultSet rs, int n) throws SQLException {
        boolean pending = "PENDING".equals(rs.getString("status"));
        return new DeliveryView(rs.getObject("id", UUID.class), rs.getObject("event_id", UUID.class),
                rs.getString("event_type"), rs.getString("message_id"), rs.getString("status"), rs.getInt("attempts"),
                (Integer) rs.getObject("last_status_code"), (Integer) rs.getObject("last_duration_ms"),
                rs.getString("last_error"), instant(rs, "last_attempt_at"),
                pending ? instant(rs, "next_attempt_at") : null, instant(rs, "delivered_at"), instant(rs, "created_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
