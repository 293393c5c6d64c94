package com.bulkimport.local;

import com.bulkimport.local.embedded.LocalInfra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The thirteen ports of {@code ./bulk-import up}, each overridable by a variable of its own. */
record UpPorts(List<Port> all) {

    /** @param what how the refusal names it, e.g. {@code PostgreSQL} */
    record Port(String variable, String what, int number) {
    }

    static UpPorts from(Map<String, String> env) {
        List<Port> ports = new ArrayList<>();
        ports.add(port(env, "BULKIMPORT_API_PORT", "web UI and API", 8080));
        ports.add(port(env, "BULKIMPORT_MANAGEMENT_PORT", "API health", 8081));
        ports.add(port(env, "BULKIMPORT_RELAY_PORT", "relay", 8082));
        ports.add(port(env, "BULKIMPORT_RELAY_MANAGEMENT_PORT", "relay health", 9082));
        ports.add(port(env, "BULKIMPORT_WORKER_PORT", "worker", 8083));
        ports.add(port(env, "BULKIMPORT_WORKER_MANAGEMENT_PORT", "worker health", 9083));
        ports.add(port(env, "BULKIMPORT_AUTH_PORT", "sign-in server", 8084));
        ports.add(port(env, "BULKIMPORT_POSTGRES_PORT", "PostgreSQL", 15432));
        ports.add(port(env, "BULKIMPORT_SQS_PORT", "SQS (ElasticMQ)", 9324));
        ports.add(port(env, "BULKIMPORT_S3_PORT", "S3 (S3Proxy)", 9000));
        ports.add(port(env, "BULKIMPORT_EVENTS_PORT", "EventBridge (PutEvents)", 9325));
        ports.add(port(env, "BULKIMPORT_SMTP_PORT", "SMTP (GreenMail)", 3025));
        ports.add(port(env, "BULKIMPORT_IMAP_PORT", "IMAP (GreenMail)", 3143));
        return new UpPorts(List.copyOf(ports));
    }

    private static Port port(Map<String, String> env, String variable, String what, int fallback) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return new Port(variable, what, fallback);
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= 1 && number <= 65535) {
                return new Port(variable, what, number);
            }
        } catch (NumberFormatException e) {
            // refused below, with the variable's name
        }
        throw new IllegalArgumentException(variable + " must be a port number (1-65535), not '" + value + "'");
    }

    int number(String variable) {
        return all.stream().filter(p -> p.variable().equals(variable)).findFirst().orElseThrow().number();
    }

    LocalInfra.Ports infra() {
        return new LocalInfra.Ports(number("BULKIMPORT_POSTGRES_PORT"), number("BULKIMPORT_SQS_PORT"),
                number("BULKIMPORT_S3_PORT"), number("BULKIMPORT_EVENTS_PORT"), number("BULKIMPORT_SMTP_PORT"),
                number("BULKIMPORT_IMAP_PORT"));
    }

    LocalStack.Ports services() {
        return new LocalStack.Ports(number("BULKIMPORT_API_PORT"), number("BULKIMPORT_MANAGEMENT_PORT"),
                number("BULKIMPORT_RELAY_PORT"), number("BULKIMPORT_RELAY_MANAGEMENT_PORT"),
                number("BULKIMPORT_WORKER_PORT"), number("BULKIMPORT_WORKER_MANAGEMENT_PORT"),
                number("BULKIMPORT_AUTH_PORT"));
    }

    /**
     * Before anything starts: with one of these ports held by another process, up used to start "fine" and use
     * what answers there, another stack's PostgreSQL above all (pg_ctl's server cannot bind, and the readiness
     * check then connects to the other one).
     */
    void requireFree() {
        List<String> taken = new ArrayList<>();
        for (Port port : all) {
            if (!PortProbe.free(port.number())) {
                taken.add(port.number() + " (" + port.what() + ", " + port.variable() + "): "
                        + PortProbe.holder(port.number()));
            }
        }
        if (!taken.isEmpty()) {
            throw new PortsInUse(taken);
        }
    }
}
