package com.bulkimport.local.embedded;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortsUnitTest {

    /** The system hands ports out to bind(0) and to outgoing connections: one found there can be taken meanwhile. */
    @Test
    void aFoundPortIsFreeAndBelowTheEphemeralRange() throws Exception {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        int ephemeralLow = 32768;
        if (Files.isReadable(range)) {
            try (BufferedReader reader = Files.newBufferedReader(range)) {
                ephemeralLow = Integer.parseInt(reader.readLine().trim().split("\\s+")[0]);
            }
        }
        Set<Integer> found = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            int port = FreePorts.find();
            assertThat(port).isBetween(10_000, ephemeralLow - 1);
            try (ServerSocket bound = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(bound.getLocalPort()).isEqualTo(port);
            }
            found.add(port);
        }
        // picked at random, not the same port each time
        assertThat(found).hasSizeGreaterThan(1);
    }

    @Test
    void aPortInUseIsNeverFound() throws Exception {
        // every port of a small stretch taken but one: the ones in use are skipped
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < 50; i++) {
                assertThat(FreePorts.find()).isNotEqualTo(taken.getLocalPort());
            }
        }
    }
}
