package com.bulkimport.local.embedded;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A real SMTP server for the worker's mail and IMAP to read it, on loopback (GreenMail). Every recipient gets
 * a mailbox on first delivery; its IMAP user is the address, and any password opens it (authentication is off:
 * loopback only, demo mail only).
 */
public final class MailServer implements AutoCloseable {

    private final GreenMail greenMail;

    private MailServer(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    /** @param smtpPort 0 for a free one; likewise {@code imapPort} */
    public static MailServer start(int smtpPort, int imapPort) {
        int smtp = smtpPort == 0 ? FreePorts.find() : smtpPort;
        int imap = imapPort == 0 ? FreePorts.find() : imapPort;
        GreenMail greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imap, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)})
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        return new MailServer(greenMail);
    }

    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    public int imapPort() {
        return greenMail.getImap().getPort();
    }

    public String host() {
        return "127.0.0.1";
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
