package com.bulkimport.api.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import com.bulkimport.support.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

import java.io.IOException;

/**
 * Sign-in failures as RFC 9457 problem details, like every other error: 401 with a
 * {@code WWW-Authenticate: Bearer} challenge (RFC 6750) when credentials are missing or bad, 403
 * when the caller is known but lacks the role. Token errors say what was wrong, never more.
 */
@Component
public class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    public static final String TYPE_BASE = com.bulkimport.api.problem.ProblemTypes.BASE;

    private final BearerTokenAuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        challenge.commence(request, response, e);
        String detail;
        String slug;
        if (e instanceof OAuth2AuthenticationException oauth) {
            slug = "invalid-token";
            String description = oauth.getError().getDescription();
            detail = "the access token was refused" + (description == null ? "" : ": " + clip(description));
        } else if (e instanceof ApiKeyRefused) {
            slug = "invalid-api-key";
            detail = e.getMessage();
        } else {
            slug = "unauthorized";
            detail = "sign in first: send 'Authorization: Bearer <access token>' (or, for the read API, 'X-Api-Key')";
        }
        write(response, HttpStatus.UNAUTHORIZED, slug, "Not signed in", detail);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(response, HttpStatus.FORBIDDEN, "forbidden", "Not allowed",
                "your account may not use " + request.getMethod() + " " + request.getRequestURI());
    }

    static void write(HttpServletResponse response, HttpStatus status, String slug, String title, String detail)
            throws IOException {
        Problems.write(response, status, slug, title, detail);
    }

    private static String clip(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    /** An X-Api-Key that is unknown, revoked, or sent along with a bearer token. */
    public static final class ApiKeyRefused extends AuthenticationException {
        public ApiKeyRefused(String message) {
            super(message);
        }
    }
}
