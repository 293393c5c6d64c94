package com.bulkimport.worker.mail;

/** Where mail leaves this system: SMTP here and wherever a relay is at hand, SES on AWS. */
interface MailTransport {

    /** @throws RuntimeException when the mail was not accepted (it is tried again later) */
    void send(String from, Mail mail);
}
