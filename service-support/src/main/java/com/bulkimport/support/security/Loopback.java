package com.bulkimport.support.security;

import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.net.InetAddress;

/** Callers on this host (or, in a container, in this container or task): an operator, never the network. */
public final class Loopback {

    private Loopback() {
    }

    public static boolean isLoopback(HttpServletRequest request) {
        try {
            return InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }
}
