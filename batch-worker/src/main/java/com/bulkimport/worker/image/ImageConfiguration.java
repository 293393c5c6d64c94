package com.bulkimport.worker.image;

import com.bulkimport.support.outbound.OutboundTargets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import software.amazon.awssdk.services.s3.S3Client;

@Configuration(proxyBeanMethods = false)
class ImageConfiguration {

    /**
     * The image pipeline with its own SSRF policy (the webhooks' rules, {@link OutboundTargets}): private targets
     * only under the local profile, where the local stack's and the tests' images are served on loopback.
     */
    @Bean(destroyMethod = "close")
    ImagePipeline imagePipeline(ImageProperties properties, Environment environment, S3Client s3) {
        OutboundTargets targets = OutboundTargets.of(properties.allowPrivateTargets(), environment, "batch-worker");
        return new ImagePipeline(new ImageFetcher(targets, properties), new ImageStore(s3, properties.bucket()),
                properties);
    }
}
