package com.bulkimport.worker.mail;

import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * SES through its API with the task role's credentials: no SMTP user or password to keep anywhere. The
 * sender must belong to an identity SES verified (CDK: the {@code mailIdentity} context).
 */
final class SesTransport implements MailTransport {

    private final SesV2Client ses;

    SesTransport(SesV2Client ses) {
        this.ses = ses;
    }

    @Override
    public void send(String from, Mail mail) {
        ses.sendEmail(request -> request.fromEmailAddress(from)
                .destination(destination -> destination.toAddresses(mail.to()))
                .content(content -> content.simple(message -> message
                        .subject(subject -> subject.data(mail.subject()).charset("UTF-8"))
                        .body(body -> body.text(text -> text.data(mail.text()).charset("UTF-8"))))));
    }
}
