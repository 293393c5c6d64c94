package com.bulkimport.api.apikey;

import com.bulkimport.api.caller.Caller;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * API keys for server-to-server read clients: one tenant each, revocable, stored only as a SHA-256
 * hash. The keys are 192 random bits, so a fast hash is enough (there is nothing to guess a
 * dictionary of); the plain key is shown once, when it is created.
 */
@Component
public class ApiKeyStore {

    static final String PREFIX = "bik_";
    private static final int MAX_KEY_LENGTH = 200;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    ApiKeyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A key as listed: never the secret. */
    public record ApiKey(UUID id, String tenant, String name, String prefix, String createdBy, Instant createdAt,
                         Instant lastUsedAt, Instant revokedAt) {
    }

    /** A new key and, this once, its secret. */
    public record CreatedKey(UUID id, String tenant, String name, String prefix, String key, Instant createdAt) {
    }

    /** The read-only caller a valid, unrevoked key stands for. */
    public Optional<Caller> authenticate(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Optional<Caller> caller = jdbc.sql("""
                        UPDATE api_keys SET last_used_at = now()
                        WHERE key_hash = :hash AND revoked_at IS NULL
                        RETURNING id, tenant""")
                .param("hash", hash(key))
                .query((rs, n) -> new Caller("api-key:" + rs.getObject("id", UUID.class), rs.getString("tenant"), false))
                .optional();
        return caller;
    }

    CreatedKey create(String tenant, String name, String createdBy) {
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String prefix = key.substring(0, PREFIX.length() + 6);
        UUID id = UUID.randomUUID();
        Instant created = jdbc.sql("""
                        INSERT INTO api_keys (id, tenant, name, prefix, key_hash, created_by)
                        VALUES (:id, :tenant, :name, :prefix, :hash, :by) RETURNING created_at""")
                .param("id", id).param("tenant", tenant).param("name", name).param("prefix", prefix)
                .param("hash", hash(key)).param("by", createdBy)
                .query(Timestamp.class).single().toInstant();
        return new CreatedKey(id, tenant, name, prefix, key, created);
    }

    List<ApiKey> list(String tenant, int page, int size) {
        return jdbc.sql("""
                        SELECT * FROM api_keys WHERE (:tenant::text IS NULL OR tenant = :tenant)
                        ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset""")
                .param("tenant", tenant).param("limit", size).param("offset", (long) page * size)
                .query((rs, n) -> new ApiKey(rs.getObject("id", UUID.class), rs.getString("tenant"), rs.getString("name"),
                        rs.getString("prefix"), rs.getString("created_by"), instant(rs.getTimestamp("created_at")),
                        instant(rs.getTimestamp("last_used_at")), instant(rs.getTimestamp("revoked_at"))))
                .list();
    }

    long count(String tenant) {
        return jdbc.sql("SELECT count(*) FROM api_keys WHERE (:tenant::text IS NULL OR tenant = :tenant)")
                .param("tenant", tenant).query(Long.class).single();
    }

    /** @return false when there is no such key; revoking twice is harmless */
    boolean revoke(UUID id, String by) {
        return jdbc.sql("""
                        UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()), revoked_by = coalesce(revoked_by, :by)
                        WHERE id = :id""")
                .param("id", id).param("by", by).update() == 1;
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
