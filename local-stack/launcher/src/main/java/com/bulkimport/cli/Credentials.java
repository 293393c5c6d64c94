package com.bulkimport.cli;

import com.bulkimport.local.auth.LocalSignIn;

import java.util.function.Function;

/**
 * Where the CLI's access token comes from: {@code --token} (or {@code BULKIMPORT_TOKEN}) for any
 * deployment; otherwise it signs in by itself as {@code --user} (default alice) at the local stack's
 * issuer, which the API names at {@code /api/auth/config}.
 */
final class Credentials {

    static final String DEFAULT_USER = "alice";

    private final String fixedToken;
    private final String user;
    private String token;

    private Credentials(String fixedToken, String user) {
        this.fixedToken = fixedToken;
        this.user = user;
    }

    static Credentials of(Args args) {
        String token = args.optional("--token").orElse(System.getenv("BULKIMPORT_TOKEN"));
        return new Credentials(token == null || token.isBlank() ? null : token.strip(),
                args.optional("--user").orElse(DEFAULT_USER));
    }

    static Credentials forUser(String user) {
        return new Credentials(null, user);
    }

    String user() {
        return user;
    }

    /** The current token; {@code issuerOf} is asked only when the CLI must sign in. */
    String token(Function<String, String> issuerOf) {
        if (fixedToken != null) {
            return fixedToken;
        }
        if (token == null) {
            token = signIn(issuerOf.apply(user));
        }
        return token;
    }

    /** Drops a token the API refused, so the next request signs in again; false when there is nothing to renew. */
    boolean renew() {
        if (fixedToken != null) {
            return false;
        }
        token = null;
        return true;
    }

    private String signIn(String issuer) {
        if (issuer == null || issuer.isBlank()) {
            throw new ApiError("the API names no sign-in server; pass --token (or BULKIMPORT_TOKEN)");
        }
        try {
            return LocalSignIn.withLocalClient(issuer).token(user);
        } catch (LocalSignIn.SignInFailed e) {
            throw new ApiError(e.getMessage());
        }
    }
}
