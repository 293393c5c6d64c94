package com.bulkimport.local.auth;

import com.bulkimport.local.embedded.FreePorts;
import com.bulkimport.local.embedded.testkit.ListeningSockets;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sign-in server gives a token for any demo user to whoever holds the CLI client's public secret: it must
 * listen on loopback only, whether started by the local stack, by LocalAuthMain or with Spring's own settings.
 */
class LoopbackOnlyIntegrationTest {

    private static final List<String> WEB = List.of("http://127.0.0.1:8080");

    @Test
    void withoutAnAddressItListensOn127001Only() {
        int port = FreePorts.find();
        try (ConfigurableApplicationContext server = LocalAuthServer.start("http://127.0.0.1:" + port, port, WEB,
                Map.of())) {
            assertThat(ListeningSockets.addresses(port)).isNotEmpty()
                    .allSatisfy(address -> assertThat(address.getHostAddress()).isEqualTo("127.0.0.1"));
            assertThat(LocalSignIn.withLocalClient("http://127.0.0.1:" + port).token("alice")).isNotBlank();
        }
    }

    @Test
    void everyInterfaceIsRefusedHoweverItIsAskedFor() throws Exception {
        int port = FreePorts.find();
        for (String address : List.of("0.0.0.0", "::")) {
            assertThatThrownBy(() -> LocalAuthServer.start("http://127.0.0.1:" + port, port, WEB,
                    Map.of("server.address", address)).close())
                    .rootCause().hasMessageStartingWith("the local sign-in server listens on loopback only, not on "
                            + InetAddress.getByName(address).getHostAddress());
            assertThat(ListeningSockets.addresses(port)).as(address).isEmpty();
        }
        assertThatThrownBy(() -> LocalAuthMain.start(Map.of("BULKIMPORT_AUTH_PORT", String.valueOf(port),
                "BULKIMPORT_AUTH_ADDRESS", "0.0.0.0")).close())
                .rootCause().hasMessageContaining("set BULKIMPORT_AUTH_IN_CONTAINER=true as well");
        assertThat(ListeningSockets.addresses(port)).isEmpty();
    }
}
