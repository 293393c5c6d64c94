package com.bulkimport.support;

import com.bulkimport.support.aws.AwsConfiguration;
import com.bulkimport.support.aws.AwsSettings;
import com.bulkimport.support.problem.AdminProblemHandler;
import com.bulkimport.support.problem.ProblemHandling;
import com.bulkimport.support.security.TokenDecoding;
import com.bulkimport.support.security.TokenProperties;
import com.bulkimport.support.tracing.JobTraces;
import com.bulkimport.support.tracing.TracingConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a service gets from the auto-configuration, and where a service's own beans take precedence. */
class ServiceSupportAutoConfigurationUnitTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(AwsConfiguration.class, ProblemHandling.class, TokenDecoding.class,
                    TracingConfiguration.class))
            .withPropertyValues("bulkimport.security.audiences=bulk-import-api");

    @Test
    void everyServiceGetsTheSharedBeansBoundFromItsProperties() {
        runner.withPropertyValues("bulkimport.security.audiences=bulk-import-api,other", "bulkimport.security.roles-claim=",
                        "bulkimport.aws.region=eu-west-1")
                .run(context -> {
                    assertThat(context).hasSingleBean(JwtDecoder.class).hasSingleBean(JobTraces.class)
                            .hasSingleBean(AdminProblemHandler.class);
                    assertThat(context.getBean(TokenProperties.class)).isEqualTo(new TokenProperties(
                            List.of("bulk-import-api", "other"), "roles", "admin", Duration.ofSeconds(30)));
                    assertThat(context.getBean(AwsSettings.class).region()).isEqualTo("eu-west-1");
                });
    }

    @Test
    void withoutAwsPropertiesTheRegionDefaults() {
        runner.run(context -> assertThat(context.getBean(AwsSettings.class)).isEqualTo(new AwsSettings(null, null, null))
                .extracting(AwsSettings::region).isEqualTo("us-east-1"));
    }

    @Test
    void aServiceRefusesToStartWithoutAnAudience() {
        runner.withPropertyValues("bulkimport.security.audiences=").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("OIDC_AUDIENCES");
        });
    }

    @Test
    void aServiceWithItsOwnProblemHandlerKeepsIt() {
        runner.withUserConfiguration(OwnHandler.class).run(context -> {
            assertThat(context).doesNotHaveBean(AdminProblemHandler.class);
            assertThat(context).hasSingleBean(ResponseEntityExceptionHandler.class);
        });
    }

    @ControllerAdvice
    static class OwnHandler extends ResponseEntityExceptionHandler {
    }
}
