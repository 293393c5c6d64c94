package com.bulkimport.api.webhook;

import com.bulkimport.support.outbound.OutboundTargets;
import com.bulkimport.support.secrets.SecretBox;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

    @Bean
    OutboundTargets webhookTargets(WebhookProperties properties, Environment environment) {
        return OutboundTargets.of(properties.allowPrivateTargets(), environment, "import-api");
    }

    /** The worker opens what this seals: both read the same {@code bulkimport.secrets.key}. */
    @Bean
    SecretBox secretBox(@Value("${bulkimport.secrets.key:}") String key) {
        return SecretBox.of(key);
    }
}
