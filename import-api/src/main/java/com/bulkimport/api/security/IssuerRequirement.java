package com.bulkimport.api.security;

import com.bulkimport.support.security.TokenIssuer;

/**
 * Every API call but the public few is signed in, so an API without an issuer could serve nothing it exists
 * for, and would only look healthy: it refuses to start instead, saying what to set.
 */
final class IssuerRequirement {

    private IssuerRequirement() {
    }

    static void check(TokenIssuer issuer) {
        if (!issuer.configured()) {
            throw new IllegalStateException("no token issuer is configured: set OIDC_ISSUER_URI (or"
                    + " SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI), and OIDC_JWK_SET_URI where the keys are"
                    + " not found by discovery; import-api does not start without one");
        }
    }
}
