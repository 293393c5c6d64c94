package com.bulkimport.worker.mail;

import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/** Spring's mail support over SMTP ({@code spring.mail.host}, port, user, password, TLS properties). */
final class SmtpTransport implements MailTransport {

    private final JavaMailSender sender;

    SmtpTransport(JavaMailSender sender) {
        this.sender = sender;
    }

    @Override
    public void send(String from, Mail mail) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(mail.to().toArray(String[]::new));
        message.setSubject(mail.subject());
        message.setText(mail.text());
        sender.send(message);
    }
}
