package com.bulkimport.api.caller;

/**
 * Who is asking: the owner (a JWT subject) and their tenant. Admins see every job.
 */
public record Caller(String subject, String tenant, boolean admin) {
}
