package com.bulkimport.support.outbound;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutboundTargetsUnitTest {

    private final OutboundTargets strict = new OutboundTargets(false);

    @Test
    void refusesEveryPrivateLoopbackLinkLocalAndReservedAddress() throws UnknownHostException {
        for (String address : List.of("127.0.0.1", "127.8.9.10", "10.0.0.1", "172.16.0.1", "172.31.255.255",
                "192.168.1.1", "169.254.169.254", "100.64.0.1", "100.127.255.254", "0.0.0.0", "0.1.2.3", "224.0.0.1",
                "239.255.255.250", "255.255.255.255", "240.0.0.1", "198.18.0.1", "192.0.0.8", "::1", "::",
                "fe80::1", "fc00::1", "fd00:ec2::254", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
                "::ffff:169.254.169.254", "::127.0.0.1", "64:ff9b::a00:1", "2002:a00:1::1", "2002:7f00:1::")) {
            assertThat(ForbiddenAddresses.reason(InetAddress.getByName(address))).as(address).isPresent();
            String host = address.contains(":") ? "[" + address + "]" : address;
            assertThatThrownBy(() -> strict.check("https://" + host + "/hook")).as(address)
                    .isInstanceOf(TargetRefused.class).hasMessageContaining("private targets are not allowed");
        }
    }

    @Test
    void allowsPublicUnicastAddresses() throws UnknownHostException {
        for (String address : List.of("93.184.215.14", "8.8.8.8", "100.63.255.255", "100.128.0.1", "172.32.0.1",
                "198.51.100.7", "2606:4700::1111", "2001:db8::1", "::ffff:8.8.8.8")) {
            assertThat(ForbiddenAddresses.reason(InetAddress.getByName(address))).as(address).isEmpty();
        }
        assertThat(strict.check("https://198.51.100.7:8443/hooks?x=1").getPort()).isEqualTo(8443);
    }

    @Test
    void aNameIsJudgedByWhatItResolvesTo() {
        assertThatThrownBy(() -> strict.check("https://localhost/hook")).isInstanceOf(TargetRefused.class)
                .hasMessageContaining("resolves to").hasMessageContaining("loopback");
        // one forbidden address among public ones refuses the name: the client may connect to any of them
        OutboundTargets mixed = new OutboundTargets(false, host -> new InetAddress[] {
                InetAddress.getByName("198.51.100.7"), InetAddress.getByName("10.1.2.3")});
        assertThatThrownBy(() -> mixed.check("https://hooks.example.test/x")).isInstanceOf(TargetRefused.class)
                .hasMessageContaining("10.1.2.3");
    }

    @Test
    void refusesMalformedAndNonHttpsUrls() {
        for (String url : List.of("", " ", "hooks.example.com", "ftp://198.51.100.7/x", "http://198.51.100.7/x",
                "https://", "https:///path", "https://user:pw@198.51.100.7/x", "https://198.51.100.7/x#frag",
                "https://198.51.100.7/a b", "javascript:alert(1)", "file:///etc/passwd", "https://198.51.100.7/\u0000",
                "https://" + "a".repeat(3000) + ".com/")) {
            assertThatThrownBy(() -> strict.parse(url)).as(url).isInstanceOf(TargetRefused.class);
        }
    }

    @Test
    void refusesPortsNoConnectionCanUse() {
        for (String url : List.of("https://198.51.100.7:0/", "https://198.51.100.7:65536/", "https://198.51.100.7:99999/")) {
            assertThatThrownBy(() -> strict.parse(url)).as(url).isInstanceOf(TargetRefused.class)
                    .hasMessage("the URL's port must be between 1 and 65535");
        }
        assertThat(strict.parse("https://198.51.100.7:65535/").getPort()).isEqualTo(65_535);
        assertThat(strict.parse("https://198.51.100.7:1/").getPort()).isEqualTo(1);
    }

    @Test
    void privateTargetsAllowedLetsLoopbackAndPlainHttpThrough() throws Exception {
        OutboundTargets local = new OutboundTargets(true);
        assertThat(local.check("http://127.0.0.1:8080/hook").getHost()).isEqualTo("127.0.0.1");
        assertThat(local.dnsResolver().resolve("localhost")).isNotEmpty();
        assertThatThrownBy(() -> strict.dnsResolver().resolve("localhost"))
                .isInstanceOf(UnknownHostException.class).hasCauseInstanceOf(TargetRefused.class);
    }
}
