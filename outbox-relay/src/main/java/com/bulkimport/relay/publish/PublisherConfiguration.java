package com.bulkimport.relay.publish;

import com.bulkimport.model.aws.AwsSettings;
import com.bulkimport.relay.outbox.RelayProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** Chooses the transport from {@code bulkimport.relay.transport}. */
@Configuration(proxyBeanMethods = false)
class PublisherConfiguration {

    @Bean
    AwsSettings awsSettings(Environment environment) {
        return Binder.get(environment).bind("bulkimport.aws", AwsSettings.class)
                .orElseGet(() -> new AwsSettings(null, null, null));
    }

    @Bean
    Publisher publisher(RelayProperties relay, AwsSettings aws,
                        @Value("${bulkimport.events.endpoint:}") String endpoint,
                        @Value("${bulkimport.events.bus-name}") String busName) {
        return switch (relay.transport()) {
            case "eventbridge" -> new EventBridgePublisher(aws.configure(EventBridgeClient.builder(), endpoint).build(),
                    busName, 8);
            default -> throw new IllegalStateException("bulkimport.relay.transport must be eventbridge, got '"
                    + relay.transport() + "'");
        };
    }
}
