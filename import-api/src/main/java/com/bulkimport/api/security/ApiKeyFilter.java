package com.bulkimport.api.security;

import com.bulkimport.api.apikey.ApiKeyStore;
import com.bulkimport.api.caller.CallerAuthentication;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;

/**
 * {@code X-Api-Key}: a server-to-server read client of one tenant. The key is looked up by its hash;
 * an unknown or revoked key is refused outright (never treated as anonymous), and so is a request
 * that also carries a bearer token, so no request is ever two callers at once.
 */
final class ApiKeyFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Api-Key";
    static final String READER = "ROLE_READER";

    private final ApiKeyStore keys;
    private final ProblemResponses problems;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    ApiKeyFilter(ApiKeyStore keys, ProblemResponses problems) {
        this.keys = keys;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key == null) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
            problems.commence(request, response, new ProblemResponses.ApiKeyRefused(
                    "send either a bearer token or an X-Api-Key, not both"));
            return;
        }
        var caller = keys.authenticate(key);
        if (caller.isEmpty()) {
            problems.commence(request, response, new ProblemResponses.ApiKeyRefused(
                    "the API key is unknown or has been revoked"));
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(new CallerAuthentication(caller.get(), null,
                List.of(new SimpleGrantedAuthority(READER))));
        contexts.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            contexts.clearContext();
        }
    }
}
