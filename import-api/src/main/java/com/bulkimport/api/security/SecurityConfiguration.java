package com.bulkimport.api.security;

import com.bulkimport.api.apikey.ApiKeyStore;
import com.bulkimport.support.security.BearerChains;
import com.bulkimport.support.security.TokenIssuer;
import com.bulkimport.api.storage.StorageProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who may call what. Jobs are for signed-in users (ownership is enforced by the queries: someone
 * else's job is simply not found); the read API also takes an {@code X-Api-Key}; admin endpoints
 * need the admin role; templates, the OpenAPI document and the web UI's files are public. Sessions
 * are never created: every request carries its own credential, so there is no CSRF to defend.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String[] READ_API = {"/api/restaurants", "/api/restaurants/**", "/api/products", "/api/products/**",
            "/api/customers/**"};

    /** After the management port's chain (service-support's {@code ManagementSecurity}, order 1). */
    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, JwtDecoder decoder, CallerTokenConverter converter, ApiKeyStore apiKeys,
                            ProblemResponses problems, SecurityProperties properties, TokenIssuer issuer,
                            Environment environment,
                            StorageProperties storage) throws Exception {
        IssuerRequirement.check(issuer, environment);
        return BearerChains.stateless(http)
                .cors(cors -> cors.configurationSource(cors(properties)))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy(properties,
                                issuer.issuerUri(), storage.endpoint() == null ? "" : storage.endpoint())))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .frameOptions(frames -> frames.deny())
                        .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true)
                                .maxAgeInSeconds(Duration.ofDays(365).toSeconds()))
                        .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy",
                                "camera=(), microphone=(), geolocation=(), payment=()"))
                        .addHeaderWriter(new StaticHeadersWriter("Cross-Origin-Opener-Policy", "same-origin")))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.OPTIONS, "/**").permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/templates", "/api/templates/**", "/api/auth/config")
                        .permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        .requestMatchers("/api/admin/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, READ_API).hasAnyRole("USER", "READER")
                        .requestMatchers("/api/**").hasRole("USER")
                        // Actuator lives on the management port; should it ever share this port, only health is public
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator", "/actuator/**").denyAll()
                        .anyRequest().permitAll())
                .addFilterBefore(new ApiKeyFilter(apiKeys, problems), BearerTokenAuthenticationFilter.class)
                .oauth2ResourceServer(resource -> resource
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .build();
    }

    /** A URL the firewall refuses (encoded slashes, NUL, {@code ..}) is the client's mistake: 400, as a problem detail. */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, e) -> ProblemResponses.write(response, HttpStatus.BAD_REQUEST, "malformed-request",
                "Malformed request", "the request URL contains characters or sequences this API does not accept");
    }

    static CorsConfigurationSource cors(SecurityProperties properties) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (properties.corsAllowedOrigins().isEmpty()) {
            return source;
        }
        CorsConfiguration config = new CorsConfiguration();
        config.setAllowedOrigins(properties.corsAllowedOrigins());
        config.setAllowedMethods(List.of("GET", "POST", "PATCH", "DELETE"));
        config.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key", "X-Api-Key"));
        config.setExposedHeaders(List.of("Location", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining",
                "RateLimit-Reset"));
        // bearer tokens, not cookies: credentials stay off, so no origin can ride on a session
        config.setAllowCredentials(false);
        config.setMaxAge(Duration.ofHours(1));
        source.registerCorsConfiguration("/api/**", config);
        source.registerCorsConfiguration("/v3/api-docs/**", config);
        return source;
    }

    /**
     * Pages may load only this origin's files and talk only to this API, the issuer and the upload storage; images
     * also from the storage (product thumbnails are presigned links to the images bucket).
     */
    static String contentSecurityPolicy(SecurityProperties properties, String issuer, String storageEndpoint) {
        Set<String> connect = new LinkedHashSet<>();
        connect.add("'self'");
        origin(issuer).ifPresent(connect::add);
        connect.add(storageEndpoint.isBlank() ? "https://*.amazonaws.com" : origin(storageEndpoint).orElse(""));
        connect.addAll(properties.connectSources());
        connect.remove("");
        String images = storageEndpoint.isBlank() ? "https://*.amazonaws.com" : origin(storageEndpoint).orElse("");
        return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:"
                + (images.isEmpty() ? "" : " " + images) + ";"
                + " connect-src " + String.join(" ", connect) + "; frame-ancestors 'none'; object-src 'none';"
                + " base-uri 'self'; form-action 'self' " + origin(issuer).orElse("");
    }

    private static java.util.Optional<String> origin(String url) {
        if (url == null || url.isBlank()) {
            return java.util.Optional.empty();
        }
        try {
            URI uri = URI.create(url.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(uri.getScheme() + "://" + uri.getHost()
                    + (uri.getPort() > 0 ? ":" + uri.getPort() : ""));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
