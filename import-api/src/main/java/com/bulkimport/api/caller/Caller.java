package com.bulkimport.api.caller;

/**
 * Who is asking: the owner (the token's subject, or {@code api-key:<id>} for a read client) and
 * their tenant. Users act on their own jobs; admins on every job. Domain data is scoped by tenant.
 */
public record Caller(String subject, String tenant, boolean admin) {
}
