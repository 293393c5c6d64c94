package com.bulkimport.local.auth;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.token.DefaultOAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.authentication.AuthenticationConverter;

import java.util.Map;

/**
 * A grant only the local stack has: the CLI client, authenticated with its secret, names a demo user
 * ({@code username}) and gets that user's access token, with no password and no browser. It is what
 * lets {@code ./bulk-import --user bob} and the tests sign in in one request.
 */
final class LocalUserGrant {

    static final AuthorizationGrantType TYPE =
            new AuthorizationGrantType("urn:bulk-import:params:oauth:grant-type:local-user");

    private LocalUserGrant() {
    }

    /** The grant as the token endpoint received it. */
    static final class Request extends OAuth2AuthorizationGrantAuthenticationToken {
        private final String username;

        Request(Authentication client, String username) {
            super(TYPE, client, Map.of());
            this.username = username;
        }

        String username() {
            return username;
        }
    }

    static final class Converter implements AuthenticationConverter {
        @Override
        public Authentication convert(HttpServletRequest request) {
            if (!TYPE.getValue().equals(request.getParameter("grant_type"))) {
                return null;
            }
            String username = request.getParameter("username");
            if (username == null || username.isBlank()) {
                throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
                        "username is required", null));
            }
            return new Request(SecurityContextHolder.getContext().getAuthentication(), username.strip());
        }
    }

    static final class Provider implements AuthenticationProvider {
        private final OAuth2TokenGenerator<? extends OAuth2Token> tokens;
        private final UserDetailsService users;

        Provider(OAuth2TokenGenerator<? extends OAuth2Token> tokens, UserDetailsService users) {
            this.tokens = tokens;
            this.users = users;
        }

        @Override
        public Authentication authenticate(Authentication authentication) {
            Request grant = (Request) authentication;
            if (!(grant.getPrincipal() instanceof OAuth2ClientAuthenticationToken client) || !client.isAuthenticated()) {
                throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
            }
            RegisteredClient registered = client.getRegisteredClient();
            if (registered == null || !registered.getAuthorizationGrantTypes().contains(TYPE)) {
                throw new OAuth2AuthenticationException(OAuth2ErrorCodes.UNAUTHORIZED_CLIENT);
            }
            UserDetails user;
            try {
                user = users.loadUserByUsername(grant.username());
            } catch (UsernameNotFoundException e) {
                throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
                        "no demo user '" + grant.username() + "'", null));
            }
            Authentication principal = UsernamePasswordAuthenticationToken.authenticated(user.getUsername(), null,
                    user.getAuthorities());
            DefaultOAuth2TokenContext context = DefaultOAuth2TokenContext.builder()
                    .registeredClient(registered).principal(principal)
                    .authorizationServerContext(AuthorizationServerContextHolder.getContext())
                    .authorizedScopes(registered.getScopes()).tokenType(OAuth2TokenType.ACCESS_TOKEN)
                    .authorizationGrantType(TYPE).authorizationGrant(grant).build();
            OAuth2Token generated = tokens.generate(context);
            if (generated == null) {
                throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.SERVER_ERROR,
                        "no access token could be generated", null));
            }
            OAuth2AccessToken access = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
                    generated.getTokenValue(), generated.getIssuedAt(), generated.getExpiresAt(),
                    context.getAuthorizedScopes());
            // not stored: the token is a self-contained JWT, and nothing here introspects or revokes it
            return new OAuth2AccessTokenAuthenticationToken(registered, client, access);
        }

        @Override
        public boolean supports(Class<?> type) {
            return Request.class.isAssignableFrom(type);
        }
    }
}
