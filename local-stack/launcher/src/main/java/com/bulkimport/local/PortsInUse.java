package com.bulkimport.local;

import java.util.List;

/** Ports of up that another process holds; nothing was started. */
final class PortsInUse extends RuntimeException {

    PortsInUse(List<String> ports) {
        super("bulk-import up did not start anything: " + (ports.size() == 1 ? "a port it needs is" : "ports it needs are")
                + " taken\n  " + String.join("\n  ", ports) + "\nstop what holds "
                + (ports.size() == 1 ? "it" : "them") + ", or choose other ports with the variables named");
    }
}
