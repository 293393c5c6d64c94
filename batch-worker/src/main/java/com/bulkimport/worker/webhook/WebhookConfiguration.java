package com.bulkimport.worker.webhook;

import com.bulkimport.support.outbound.OutboundTargets;
import com.bulkimport.support.secrets.SecretBox;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

    /** The SSRF policy of every attempt; private targets (a local stack's receivers) only under the local profile. */
    @Bean
    OutboundTargets webhookTargets(WebhookProperties properties, Environment environment) {
        return OutboundTargets.of(properties.allowPrivateTargets(), environment, "batch-worker");
    }

    /** Opens the signing secrets the API sealed: the same {@code bulkimport.secrets.key} on both. */
    @Bean
    SecretBox secretBox(@Value("${bulkimport.secrets.key:}") String key) {
        return SecretBox.of(key);
    }
}
