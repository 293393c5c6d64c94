package com.bulkimport.api.security;

import com.bulkimport.api.problem.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Every query and path parameter of the API is at most {@link #MAX_LENGTH} characters (ids, kinds, filters,
 * search text): a longer one is refused with 400 {@code invalid-parameter} before the controller runs, so no
 * query, rate-limit token or forwarded admin call is spent on it. The OpenAPI document states the same limit
 * as every such parameter's {@code maxLength} ({@code openapi/InputLimitDocs}).
 */
@Configuration(proxyBeanMethods = false)
public class ParameterLengthLimit implements WebMvcConfigurer {

    /** As long as the longest name the API stores for a file (255) and an Idempotency-Key. */
    public static final int MAX_LENGTH = 255;

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                // the query string only: getParameterMap would read a form body the controller streams itself
                String query = request.getQueryString();
                if (query != null) {
                    for (String pair : query.split("&")) {
                        int eq = pair.indexOf('=');
                        check(decoded(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decoded(pair.substring(eq + 1)));
                    }
                }
                if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> path) {
                    path.forEach((name, value) -> check(String.valueOf(name), String.valueOf(value)));
                }
                return true;
            }
        }).addPathPatterns("/api/**");
    }

    /** Percent-decoded as the controller will see it; text that does not decode is left to the binding's 400. */
    private static String decoded(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private static void check(String name, String value) {
        if (value != null && value.length() > MAX_LENGTH) {
            throw new ParameterTooLong(name, value.length());
        }
    }

    /** 400: one parameter is longer than any the API takes. */
    static final class ParameterTooLong extends ApiProblem {
        ParameterTooLong(String name, int length) {
            super(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter", "'" + name.substring(0,
                    Math.min(name.length(), 100)) + "' must be at most " + MAX_LENGTH + " characters, got " + length);
        }
    }
}
