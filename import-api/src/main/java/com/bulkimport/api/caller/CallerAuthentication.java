package com.bulkimport.api.caller;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

import java.util.Collection;

/**
 * A signed-in caller: a user with a verified access token, or a server-to-server read client with
 * an API key. Whatever the credential, the API sees one {@link Caller}.
 */
public final class CallerAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;
    private final Object credentials;

    public CallerAuthentication(Caller caller, Object credentials, Collection<? extends GrantedAuthority> authorities) {
        super(authorities);
        this.caller = caller;
        this.credentials = credentials;
        setAuthenticated(true);
    }

    public Caller caller() {
        return caller;
    }

    @Override
    public Object getCredentials() {
        return credentials;
    }

    @Override
    public Object getPrincipal() {
        return caller.subject();
    }

    @Override
    public String getName() {
        return caller.subject();
    }
}
