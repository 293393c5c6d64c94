package com.bulkimport.local.auth;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the stand-alone sign-in server reads its environment: the local stack's defaults, or what compose sets. */
class LocalAuthMainUnitTest {

    @Test
    void withoutVariablesItIsTheLocalStacksIssuer() {
        assertThat(LocalAuthMain.Settings.from(Map.of())).isEqualTo(new LocalAuthMain.Settings("http://127.0.0.1:8084",
                8084, List.of("http://127.0.0.1:8080", "http://localhost:8080"), "127.0.0.1", false));
        assertThat(LocalAuthMain.Settings.from(Map.of("BULKIMPORT_AUTH_PORT", "9999", "BULKIMPORT_AUTH_ISSUER", " ")))
                .isEqualTo(new LocalAuthMain.Settings("http://127.0.0.1:9999", 9999,
                        List.of("http://127.0.0.1:8080", "http://localhost:8080"), "127.0.0.1", false));
    }

    @Test
    void theIssuerIsWhatBrowsersSeeAndTheOriginsAreAList() {
        assertThat(LocalAuthMain.Settings.from(Map.of("BULKIMPORT_AUTH_PORT", "8084",
                "BULKIMPORT_AUTH_ISSUER", "https://sign-in.dev.test",
                "BULKIMPORT_WEB_ORIGINS", " http://127.0.0.1:8080 , https://imports.dev.test,")))
                .isEqualTo(new LocalAuthMain.Settings("https://sign-in.dev.test", 8084,
                        List.of("http://127.0.0.1:8080", "https://imports.dev.test"), "127.0.0.1", false));
    }

    /** What compose sets: every interface of the container, whose port compose publishes on 127.0.0.1 only. */
    @Test
    void inAContainerItMayListenOnTheContainersInterface() {
        LocalAuthMain.Settings settings = LocalAuthMain.Settings.from(Map.of("BULKIMPORT_AUTH_ADDRESS", "0.0.0.0",
                "BULKIMPORT_AUTH_IN_CONTAINER", "true"));
        assertThat(settings.address()).isEqualTo("0.0.0.0");
        assertThat(settings.inContainer()).isTrue();
        assertThatThrownBy(() -> LocalAuthMain.Settings.from(Map.of("BULKIMPORT_AUTH_IN_CONTAINER", "yes")))
                .hasMessage("BULKIMPORT_AUTH_IN_CONTAINER is true or false, not 'yes'");
    }

    @Test
    void valuesThatWouldFailLaterAreRefusedAtStartWithTheVariablesName() {
        assertThatThrownBy(() -> LocalAuthMain.Settings.from(Map.of("BULKIMPORT_AUTH_PORT", "http")))
                .hasMessage("BULKIMPORT_AUTH_PORT must be a port number (1-65535), not 'http'");
        assertThatThrownBy(() -> LocalAuthMain.Settings.from(Map.of("BULKIMPORT_AUTH_PORT", "0")))
                .hasMessageStartingWith("BULKIMPORT_AUTH_PORT must be a port number");
        // the services compare iss exactly with their issuer URI: http://127.0.0.1:8084/ would fail every token
        assertThatThrownBy(() -> LocalAuthMain.Settings.from(Map.of("BULKIMPORT_AUTH_ISSUER", "http://127.0.0.1:8084/")))
                .hasMessageStartingWith("BULKIMPORT_AUTH_ISSUER must be an http(s) URL without a trailing slash");
        assertThatThrownBy(() -> LocalAuthMain.Settings.from(Map.of("BULKIMPORT_AUTH_ISSUER", "local-auth:8084")))
                .hasMessage("BULKIMPORT_AUTH_ISSUER must be an absolute http(s) URL, not 'local-auth:8084'");
        assertThatThrownBy(() -> LocalAuthMain.Settings.from(Map.of("BULKIMPORT_WEB_ORIGINS", "http://127.0.0.1:8080/")))
                .hasMessage("BULKIMPORT_WEB_ORIGINS takes origins (http://host:port, no path), not 'http://127.0.0.1:8080/'");
        assertThatThrownBy(() -> LocalAuthMain.Settings.from(Map.of("BULKIMPORT_WEB_ORIGINS", ",")))
                .hasMessage("BULKIMPORT_WEB_ORIGINS names no origin: the web UI could not sign in");
    }
}
