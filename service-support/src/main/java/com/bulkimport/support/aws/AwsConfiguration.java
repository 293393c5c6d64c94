package com.bulkimport.support.aws;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** {@link AwsSettings} for every service, bound once instead of by each service's own AWS client configuration. */
@AutoConfiguration
@EnableConfigurationProperties(AwsSettings.class)
public class AwsConfiguration {
}
