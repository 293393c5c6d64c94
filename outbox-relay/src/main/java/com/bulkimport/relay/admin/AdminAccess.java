package com.bulkimport.relay.admin;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The one place that decides who may use the admin endpoints. Every request under
 * {@code /admin/outbox} passes through {@link #check} before a handler runs ({@link AdminAccessInterceptor}).
 * {@code AdminAccessConfiguration} provides it: the admin role on the caller's bearer token, or
 * loopback callers only where no token issuer is configured.
 */
public interface AdminAccess {

    /** What a request wants to do. */
    enum Action { READ, REPLAY, PURGE }

    /**
     * @return who is acting, for the audit columns (e.g. the token's subject)
     * @throws AdminProblem.Forbidden when the caller may not do this
     */
    String check(HttpServletRequest request, Action action);
}
