package com.bulkimport.support.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * How every service reads a token, from the same names in each ({@code OIDC_AUDIENCES} and friends set all
 * three), so the relay's and the worker's admin endpoints take exactly the tokens import-api takes. The issuer
 * and its keys are Spring's own properties ({@link TokenIssuer}).
 *
 * @param audiences  a token must name one of these in {@code aud}, or, for issuers whose access tokens carry
 *                   no audience (Cognito), in {@code client_id}; never empty: a service refuses to start
 *                   rather than take tokens meant for any application of the issuer
 * @param rolesClaim the claim holding the user's roles or groups (Cognito: {@code cognito:groups})
 * @param adminRole  the role that makes a user an admin
 * @param clockSkew  tolerance for {@code exp} and {@code nbf}
 */
@ConfigurationProperties("bulkimport.security")
public record TokenProperties(List<String> audiences, String rolesClaim, String adminRole, Duration clockSkew) {

    public TokenProperties {
        audiences = audiences == null ? List.of() : audiences.stream().filter(a -> !a.isBlank()).toList();
        if (audiences.isEmpty()) {
            throw new IllegalArgumentException("bulkimport.security.audiences (OIDC_AUDIENCES) is empty: name the"
                    + " audience tokens must carry (the API's, e.g. bulk-import-api, or the Cognito app client id);"
                    + " accepting any audience would take tokens the issuer minted for other applications");
        }
        rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
        adminRole = adminRole == null || adminRole.isBlank() ? "admin" : adminRole;
        clockSkew = clockSkew == null ? Duration.ofSeconds(30) : clockSkew;
    }

    /** The token's roles: its roles claim as a list, or as one space- or comma-separated string. */
    public List<String> roles(Jwt token) {
        Object claim = token.getClaims().get(rolesClaim);
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return claim instanceof String text ? List.of(text.split("[\\s,]+")) : List.of();
    }

    public boolean isAdmin(Jwt token) {
        return roles(token).contains(adminRole);
    }
}
