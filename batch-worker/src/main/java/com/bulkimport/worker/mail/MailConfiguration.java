package com.bulkimport.worker.mail;

import com.bulkimport.support.aws.AwsSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import software.amazon.awssdk.services.sesv2.SesV2Client;


@Configuration(proxyBeanMethods = false)
class MailConfiguration {

    /**
     * The transport {@code bulkimport.mail.transport} names; none (a null bean) for SMTP without
     * {@code spring.mail.host} (Spring then makes no sender): mail then waits in its table until one is configured.
     */
    @Bean
    MailTransport mailTransport(MailProperties properties, ObjectProvider<JavaMailSender> smtp, AwsSettings aws) {
        if (properties.transport().equals("ses")) {
            return new SesTransport(aws.configure(SesV2Client.builder(), "").build());
        }
        JavaMailSender sender = smtp.getIfAvailable();
        return sender == null ? null : new SmtpTransport(sender);
    }
}
