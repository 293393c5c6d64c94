package com.bulkimport.local.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2AccessTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The local stack's OIDC issuer (Spring Authorization Server), a fourth small Spring context beside
 * the three services: a login page for the demo users, the web UI's public client (authorization
 * code + PKCE), and the CLI's client with the password-less {@link LocalUserGrant}. Its signing key
 * is new on every start, so tokens never outlive the stack that issued them. It listens on loopback only
 * ({@link LoopbackOnly}). docker-compose runs it alone ({@link LocalAuthMain}); it is never part of a deployment.
 */
@SpringBootApplication
@EnableConfigurationProperties(LocalAuthProperties.class)
public class LocalAuthServer {

    /** The config file this context reads ({@code local-auth.yml}), apart from the services' own. */
    public static final String CONFIG_NAME = "local-auth";

    /**
     * Starts the server: what the local stack runs beside the services and {@link LocalAuthMain} runs alone.
     *
     * @param issuer     stamped into tokens and discovery, so the address browsers and the CLI use (the API checks it)
     * @param webOrigins where the web UI is served ({@code http://host:port}): each is an allowed CORS origin of the
     *                   token endpoint, and with {@code /} appended a redirect URI of the web client
     * @param properties more Spring properties, e.g. {@code spring.main.register-shutdown-hook}
     */
    public static ConfigurableApplicationContext start(String issuer, int port, List<String> webOrigins,
                                                       Map<String, String> properties, String... args) {
        List<String> all = new ArrayList<>();
        all.add("--spring.config.name=" + CONFIG_NAME);
        all.add("--server.port=" + port);
        all.add("--bulkimport.local-auth.issuer=" + issuer);
        // indexed entries replace the yml's whole list, so only these origins are registered
        for (int i = 0; i < webOrigins.size(); i++) {
            all.add("--bulkimport.local-auth.web-client.redirect-uris[" + i + "]=" + webOrigins.get(i) + "/");
            all.add("--bulkimport.local-auth.web-client.allowed-origins[" + i + "]=" + webOrigins.get(i));
        }
        properties.forEach((key, value) -> all.add("--" + key + "=" + value));
        all.addAll(List.of(args));
        return new SpringApplicationBuilder(LocalAuthServer.class).run(all.toArray(String[]::new));
    }

    @Bean
    LoopbackOnly loopbackOnly(ServerProperties server, LocalAuthProperties properties) {
        return new LoopbackOnly(server, properties);
    }

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServer(HttpSecurity http, LocalAuthProperties properties,
                                            OAuth2TokenGenerator<? extends OAuth2Token> tokens,
                                            UserDetailsService users) throws Exception {
        http.oauth2AuthorizationServer(server -> {
                    http.securityMatcher(server.getEndpointsMatcher());
                    server.oidc(Customizer.withDefaults())
                            .tokenGenerator(tokens)
                            .tokenEndpoint(endpoint -> endpoint
                                    .accessTokenRequestConverter(new LocalUserGrant.Converter())
                                    .authenticationProvider(new LocalUserGrant.Provider(tokens, users)));
                })
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .cors(cors -> cors.configurationSource(webOrigins(properties)))
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    /**
     * Everything else: the login page, the health check {@code ./bulk-import up} and the image wait for, and the
     * error page, so a refused authorization request (e.g. a redirect URI not registered) shows its 400 rather
     * than a login page that leads nowhere.
     */
    @Bean
    @Order(2)
    SecurityFilterChain login(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .anyRequest().authenticated())
                .formLogin(Customizer.withDefaults())
                .build();
    }

    /** The web UI exchanges its code for a token from its own origin: the token endpoint must allow it. */
    private static UrlBasedCorsConfigurationSource webOrigins(LocalAuthProperties properties) {
        CorsConfiguration config = new CorsConfiguration();
        config.setAllowedOrigins(properties.webClient().allowedOrigins());
        config.setAllowedMethods(List.of("GET", "POST"));
        config.setAllowedHeaders(List.of("Authorization", "Content-Type"));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", config);
        return source;
    }

    @Bean
    UserDetailsService users(LocalAuthProperties properties) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        InMemoryUserDetailsManager manager = new InMemoryUserDetailsManager();
        properties.users().forEach((name, user) -> manager.createUser(User.withUsername(name)
                .password(encoder.encode(user.password()))
                .roles(user.roles().stream().map(String::toUpperCase).toArray(String[]::new)).build()));
        return manager;
    }

    @Bean
    RegisteredClientRepository clients(LocalAuthProperties properties) {
        LocalAuthProperties.WebClient web = properties.webClient();
        RegisteredClient.Builder webClient = RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(web.id())
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .scope("openid").scope("profile")
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(web.tokenTtl()).build());
        web.redirectUris().forEach(webClient::redirectUri);
        // signing out of the web UI ends the sign-in server's session too, then comes back to the UI
        web.redirectUris().forEach(webClient::postLogoutRedirectUri);
        LocalAuthProperties.CliClient cli = properties.cliClient();
        RegisteredClient cliClient = RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(cli.id())
                .clientSecret(PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(cli.secret()))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(LocalUserGrant.TYPE)
                .scope("api")
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(cli.tokenTtl()).build())
                .build();
        return new InMemoryRegisteredClientRepository(webClient.build(), cliClient);
    }

    @Bean
    JWKSource<SecurityContext> signingKey() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    @Bean
    OAuth2TokenGenerator<? extends OAuth2Token> tokenGenerator(JWKSource<SecurityContext> signingKey,
                                                               OAuth2TokenCustomizer<JwtEncodingContext> claims) {
        JwtGenerator jwts = new JwtGenerator(new NimbusJwtEncoder(signingKey));
        jwts.setJwtCustomizer(claims);
        return new DelegatingOAuth2TokenGenerator(jwts, new OAuth2AccessTokenGenerator());
    }

    /** Access tokens name the API as audience and carry the user's tenant and roles; ID tokens the tenant. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> userClaims(LocalAuthProperties properties) {
        return context -> {
            LocalAuthProperties.User user = properties.users().get(context.getPrincipal().getName());
            if (user == null) {
                return;
            }
            context.getClaims().claim("tenant", user.tenant());
            if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                context.getClaims().audience(List.of(properties.audience())).claim("roles", user.roles());
            }
        };
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(LocalAuthProperties properties) {
        return AuthorizationServerSettings.builder().issuer(properties.issuer()).build();
    }
}
