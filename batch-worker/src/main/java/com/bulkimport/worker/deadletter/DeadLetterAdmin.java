package com.bulkimport.worker.deadletter;

import com.bulkimport.support.security.AdminEndpointSecurity;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The dead-letter endpoints are for admins: an admin's bearer token, or loopback callers where no issuer is
 * configured ({@link AdminEndpointSecurity}, the same rule as the relay's admin endpoints).
 */
@Configuration(proxyBeanMethods = false)
@Import(AdminEndpointSecurity.class)
class DeadLetterAdmin {
}
