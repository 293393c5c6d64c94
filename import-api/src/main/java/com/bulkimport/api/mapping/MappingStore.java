package com.bulkimport.api.mapping;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code column_mappings} (V26). Every query carries the tenant: another tenant's mapping is simply not found.
 */
@Repository
class MappingStore {

    /** Remembered mappings kept per tenant and kind, newest first: one per distinct header, so a bound, not a cap. */
    static final int REMEMBERED_KEPT = 200;

    private static final String COLUMNS = "id, name, kind, mapping::text AS mapping, created_by, created_at,"
            + " updated_by, updated_at";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    MappingStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The remembered mapping of this header, else the newest named one made for it. */
    Optional<SavedMapping> forHeader(String tenant, String kind, String signature) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM column_mappings WHERE tenant = :tenant AND kind = :kind"
                        + " AND header_signature = :signature ORDER BY (name IS NULL) DESC, updated_at DESC LIMIT 1")
                .param("tenant", tenant).param("kind", kind).param("signature", signature)
                .query(MappingStore::row).optional();
    }

    /** Upserts the remembered mapping of a header (the latest wins) and forgets the oldest beyond the bound. */
    void remember(String tenant, String subject, String kind, String signature, Map<String, String> mapping) {
        jdbc.sql("""
                        INSERT INTO column_mappings (id, tenant, kind, name, header_signature, mapping, created_by, updated_by)
                        VALUES (:id, :tenant, :kind, NULL, :signature, :mapping::jsonb, :subject, :subject)
                        ON CONFLICT (tenant, kind, header_signature) WHERE name IS NULL
                        DO UPDATE SET mapping = EXCLUDED.mapping, updated_by = EXCLUDED.updated_by, updated_at = now()""")
                .param("id", UUID.randomUUID()).param("tenant", tenant).param("kind", kind)
                .param("signature", signature).param("mapping", JSON.writeValueAsString(mapping))
                .param("subject", subject).update();
        jdbc.sql("""
                        DELETE FROM column_mappings WHERE tenant = :tenant AND kind = :kind AND name IS NULL
                          AND id NOT IN (SELECT id FROM column_mappings WHERE tenant = :tenant AND kind = :kind
                                         AND name IS NULL ORDER BY updated_at DESC LIMIT :kept)""")
                .param("tenant", tenant).param("kind", kind).param("kept", REMEMBERED_KEPT).update();
    }

    /** Serializes creates of one tenant until the transaction ends, so the limit holds under races. */
    void lockTenant(String tenant) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('column_mappings:' || :tenant))").param("tenant", tenant)
                .query().singleRow();
    }

    long countNamed(String tenant) {
        return jdbc.sql("SELECT count(*) FROM column_mappings WHERE tenant = :tenant AND name IS NOT NULL")
                .param("tenant", tenant).query(Long.class).single();
    }

    /** @throws org.springframework.dao.DuplicateKeyException when the tenant has the name for the kind already */
    SavedMapping create(String tenant, String subject, String kind, String name, String signature,
                        Map<String, String> mapping) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO column_mappings (id, tenant, kind, name, header_signature, mapping, created_by, updated_by)
                        VALUES (:id, :tenant, :kind, :name, :signature, :mapping::jsonb, :subject, :subject)""")
                .param("id", id).param("tenant", tenant).param("kind", kind).param("name", name)
                .param("signature", signature).param("mapping", JSON.writeValueAsString(mapping))
                .param("subject", subject).update();
        return find(tenant, id).orElseThrow();
    }

    /** The tenant's named mappings, of one kind or all, by kind and name. */
    List<SavedMapping> named(String tenant, String kind) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM column_mappings WHERE tenant = :tenant AND name IS NOT NULL"
                        + " AND (CAST(:kind AS text) IS NULL OR kind = :kind) ORDER BY kind, lower(name)")
                .param("tenant", tenant).param("kind", kind).query(MappingStore::row).list();
    }

    Optional<SavedMapping> find(String tenant, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM column_mappings WHERE tenant = :tenant AND id = :id")
                .param("tenant", tenant).param("id", id).query(MappingStore::row).optional();
    }

    /** Named mappings of that name (any case): one per kind, or the one of {@code kind}. */
    List<SavedMapping> findNamed(String tenant, String kind, String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM column_mappings WHERE tenant = :tenant AND name IS NOT NULL"
                        + " AND lower(name) = lower(:name) AND (CAST(:kind AS text) IS NULL OR kind = :kind) ORDER BY kind")
                .param("tenant", tenant).param("kind", kind).param("name", name).query(MappingStore::row).list();
    }

    boolean delete(String tenant, UUID id) {
        return jdbc.sql("DELETE FROM column_mappings WHERE tenant = :tenant AND id = :id")
                .param("tenant", tenant).param("id", id).update() == 1;
    }

    private static SavedMapping row(ResultSet rs, int n) throws SQLException {
        return new SavedMapping(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("kind"),
                JSON.readValue(rs.getString("mapping"), MAP), rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant(), rs.getString("updated_by"),
                rs.getTimestamp("updated_at").toInstant());
    }
}
