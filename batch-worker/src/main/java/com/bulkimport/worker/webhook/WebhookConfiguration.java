package com.bulkimport.worker.webhook;

import com.bulkimport.support.secrets.SecretBox;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

    /** Opens the signing secrets the API sealed: the same {@code bulkimport.secrets.key} on both. */
    @Bean
    SecretBox secretBox(@Value("${bulkimport.secrets.key:}") String key) {
        return SecretBox.of(key);
    }
}
