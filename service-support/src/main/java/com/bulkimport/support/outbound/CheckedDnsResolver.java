package com.bulkimport.support.outbound;

import org.apache.hc.client5.http.DnsResolver;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Apache HttpClient's resolver with the policy inside: the addresses the client connects to are the ones
 * just checked, with no gap between check and connect for a DNS answer to change in. A refused host fails
 * the connection as an {@link UnknownHostException} whose cause is the {@link TargetRefused}.
 */
public final class CheckedDnsResolver implements DnsResolver {

    private final OutboundTargets targets;

    CheckedDnsResolver(OutboundTargets targets) {
        this.targets = targets;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        try {
            return targets.resolve(host);
        } catch (TargetRefused refused) {
            UnknownHostException failure = new UnknownHostException(refused.reason());
            failure.initCause(refused);
            throw failure;
        }
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        // only Kerberos-style authentication asks, which webhooks never use; no second lookup to check
        return host;
    }
}
