package com.bulkimport.local.auth;

import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Properties;

/**
 * Signs a demo user in against the local stack's issuer with the CLI client and the password-less
 * local-user grant: what {@code ./bulk-import token USER}, the CLI and the tests use. The client's
 * credentials come from {@code local-auth.yml}, the local stack's own config.
 */
public final class LocalSignIn {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String issuer;
    private final String clientId;
    private final String clientSecret;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public LocalSignIn(String issuer, String clientId, String clientSecret) {
        this.issuer = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /** With the CLI client of {@code local-auth.yml} on the classpath. */
    public static LocalSignIn withLocalClient(String issuer) {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource(LocalAuthServer.CONFIG_NAME + ".yml"));
        Properties properties = yaml.getObject();
        return new LocalSignIn(issuer, properties.getProperty("bulkimport.local-auth.cli-client.id"),
                properties.getProperty("bulkimport.local-auth.cli-client.secret"));
    }

    /** A problem signing in, in words. */
    public static final class SignInFailed extends RuntimeException {
        public SignInFailed(String message) {
            super(message);
        }
    }

    /** An access token for {@code user}. */
    public String token(String user) {
        String form = "grant_type=" + URLEncoder.encode(LocalUserGrant.TYPE.getValue(), StandardCharsets.UTF_8)
                + "&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8);
        String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new SignInFailed("cannot reach the sign-in server at " + issuer + "; is the local stack running?"
                    + " (./bulk-import up)");
        } catch (IOException e) {
            throw new SignInFailed("signing in at " + issuer + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignInFailed("interrupted while signing in");
        }
        JsonNode body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        if (response.statusCode() != 200 || !body.hasNonNull("access_token")) {
            throw new SignInFailed("signing in as '" + user + "' was refused: "
                    + body.path("error_description").asString(body.path("error").asString("HTTP "
                    + response.statusCode())));
        }
        return body.path("access_token").asString();
    }
}
