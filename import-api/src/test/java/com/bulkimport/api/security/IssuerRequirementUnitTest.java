package com.bulkimport.api.security;

import com.bulkimport.support.security.TokenIssuer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which issuers the API may trust outside a local stack: https on another host, nothing else. */
class IssuerRequirementUnitTest {

    @Test
    void httpsOnAnotherHostIsTrusted() {
        assertThat(IssuerRequirement.remoteHttps("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc")).isTrue();
        assertThat(IssuerRequirement.remoteHttps("https://10.0.3.7:8443/realms/acme")).isTrue();
    }

    @Test
    void httpOrLoopbackIsNot() {
        for (String uri : new String[] {"http://issuer.example/pool", "https://localhost/pool", "https://LOCALHOST:8443",
                "https://auth.localhost/pool", "https://127.0.0.1:8084", "https://127.1.2.3/x", "https://[::1]:8443/x",
                "https://0.0.0.0/x", "ftp://issuer.example", "https:///no-host", "not a uri"}) {
            assertThat(IssuerRequirement.remoteHttps(uri)).as(uri).isFalse();
        }
    }

    @Test
    void aLocalStackMayTrustItsHttpLoopbackIssuer() {
        TokenIssuer local = new TokenIssuer("http://127.0.0.1:8084", "http://local-auth:8084/oauth2/jwks");

        assertThatCode(() -> IssuerRequirement.check(local, true)).doesNotThrowAnyException();
        assertThatThrownBy(() -> IssuerRequirement.check(local, false)).hasMessageContaining("http://127.0.0.1:8084");
        assertThatThrownBy(() -> IssuerRequirement.check(new TokenIssuer("", ""), true))
                .hasMessageContaining("no token issuer is configured");
    }
}
