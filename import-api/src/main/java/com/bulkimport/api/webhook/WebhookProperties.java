package com.bulkimport.api.webhook;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param allowPrivateTargets  accept http and private, loopback and link-local targets: the local stack and tests only
 * @param maxEndpointsPerTenant endpoints one tenant may register
 * @param rotationOverlap      how long the previous secret still signs after a rotation
 */
@ConfigurationProperties("bulkimport.webhooks")
record WebhookProperties(boolean allowPrivateTargets, int maxEndpointsPerTenant, Duration rotationOverlap) {

    WebhookProperties {
        maxEndpointsPerTenant = maxEndpointsPerTenant <= 0 ? 20 : maxEndpointsPerTenant;
        rotationOverlap = rotationOverlap == null ? Duration.ofHours(24) : rotationOverlap;
    }
}
