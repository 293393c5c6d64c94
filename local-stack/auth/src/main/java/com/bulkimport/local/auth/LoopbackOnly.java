package com.bulkimport.local.auth;

import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The sign-in server listens on loopback only. Its CLI client hands a token for any demo user, admin included, to
 * whoever sends a client secret that is in this repository: reachable from another machine, it would let anyone on
 * the network in as admin. Without {@code server.address} it binds 127.0.0.1 (Spring's default is every
 * interface); any other address is refused at start, unless {@code bulkimport.local-auth.in-container} says the
 * server runs in a container whose port a container runtime publishes on the host's loopback only, as
 * docker-compose.yml does (there the other containers must reach it through the container's own interface).
 */
final class LoopbackOnly implements WebServerFactoryCustomizer<ConfigurableWebServerFactory> {

    static final InetAddress LOOPBACK = loopback();

    private final ServerProperties server;
    private final LocalAuthProperties properties;

    LoopbackOnly(ServerProperties server, LocalAuthProperties properties) {
        this.server = server;
        this.properties = properties;
    }

    @Override
    public void customize(ConfigurableWebServerFactory factory) {
        InetAddress address = server.getAddress();
        if (address == null) {
            factory.setAddress(LOOPBACK);
        } else if (!address.isLoopbackAddress() && !properties.inContainer()) {
            throw new IllegalStateException("the local sign-in server listens on loopback only, not on "
                    + address.getHostAddress() + " (server.address, BULKIMPORT_AUTH_ADDRESS): it signs anyone in as"
                    + " any demo user, admin included. Only in a container whose port is published on the host's"
                    + " 127.0.0.1 (docker-compose.yml) set BULKIMPORT_AUTH_IN_CONTAINER=true as well");
        }
    }

    private static InetAddress loopback() {
        try {
            // the local stack's URLs all say 127.0.0.1; a literal address is never looked up
            return InetAddress.getByName("127.0.0.1");
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
