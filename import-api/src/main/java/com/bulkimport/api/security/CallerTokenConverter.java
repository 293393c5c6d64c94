package com.bulkimport.api.security;

import com.bulkimport.api.caller.Caller;
import com.bulkimport.api.caller.CallerAuthentication;
import com.bulkimport.support.security.TokenProperties;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * A verified token becomes a {@link Caller}: the subject owns jobs, the tenant claim scopes the
 * data, the roles claim (a list, or a space- or comma-separated string) may make the user an admin.
 * A token without a subject or tenant is refused: nothing could be scoped by it.
 */
@Component
class CallerTokenConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    static final String USER = "ROLE_USER";
    static final String ADMIN = "ROLE_ADMIN";

    private final SecurityProperties properties;
    private final TokenProperties tokens;

    CallerTokenConverter(SecurityProperties properties, TokenProperties tokens) {
        this.properties = properties;
        this.tokens = tokens;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String subject = jwt.getSubject();
        Object tenantClaim = jwt.getClaims().get(properties.tenantClaim());
        String tenant = tenantClaim == null ? null : tenantClaim.toString().strip();
        if (subject == null || subject.isBlank()) {
            throw new InvalidBearerTokenException("the token has no subject");
        }
        if (tenant == null || tenant.isEmpty()) {
            throw new InvalidBearerTokenException("the token has no '" + properties.tenantClaim() + "' claim");
        }
        boolean admin = tokens.isAdmin(jwt);
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority(USER));
        if (admin) {
            authorities.add(new SimpleGrantedAuthority(ADMIN));
        }
        return new CallerAuthentication(new Caller(subject, tenant, admin), jwt, authorities);
    }
}
