package com.bulkimport.support.security;

import com.bulkimport.support.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;

import java.util.List;

/** What the relay's and the worker's security chains share (the admin endpoints, the management port). */
public final class BearerChains {

    private BearerChains() {
    }

    /** No cookies, sessions, saved requests or login forms: every request carries its own token or none. */
    public static HttpSecurity stateless(HttpSecurity http) throws Exception {
        return http.csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable());
    }

    /**
     * Bearer tokens import-api would take (issuer, expiry, audience: {@link TokenDecoding}); one whose roles claim
     * holds the admin role gets {@code ROLE_ADMIN}. A token that is sent must be valid, even where none is needed:
     * a refused one answers 401 as a problem detail.
     */
    static void acceptTokens(HttpSecurity http, JwtDecoder decoder, TokenProperties tokens) throws Exception {
        http.oauth2ResourceServer(resource -> resource
                .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(token -> new JwtAuthenticationToken(token,
                        tokens.isAdmin(token) ? List.of(new SimpleGrantedAuthority("ROLE_ADMIN")) : List.of(),
                        token.getSubject())))
                .authenticationEntryPoint((request, response, e) -> {
                    new BearerTokenAuthenticationEntryPoint().commence(request, response, e);
                    Problems.write(response, HttpStatus.UNAUTHORIZED, "invalid-token", "Not signed in",
                            "the access token was refused");
                }));
    }
}
