package com.bulkimport.infra;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DeploymentSettingsUnitTest {

    @Test
    void withoutContextEveryDefaultApplies() {
        DeploymentSettings settings = DeploymentSettings.fromContext(new App().getNode());
        assertThat(settings).isEqualTo(new DeploymentSettings(List.of("https://imports.example.com"), 30, 20, null,
                "latest", 10, false, null, null, null, settings.repositoryRoot()));
        assertThat(settings.signInEnvironment()).isEmpty();
        assertThat(Files.isRegularFile(settings.repositoryRoot().resolve("infra/event-rules.json"))).isTrue();
        assertThat(Files.isRegularFile(settings.repositoryRoot().resolve("Dockerfile"))).isTrue();
    }

    @Test
    void synthWarnsThatTheApiWillNotStartWithoutAnIssuer() {
        software.amazon.awscdk.assertions.Annotations.fromStack(SynthesizedStack.stack()).hasWarning("/Test",
                software.amazon.awscdk.assertions.Match.stringLikeRegexp(".*does not start without a token issuer.*"));
        BulkImportStack withIssuer = SynthesizedStack.synth(DeploymentSettings.defaults()
                .withIssuerUri("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc"));
        software.amazon.awscdk.assertions.Annotations.fromStack(withIssuer).hasNoWarning("/Test",
                software.amazon.awscdk.assertions.Match.stringLikeRegexp(".*token issuer.*"));
    }

    @Test
    void contextValuesOverrideThem() {
        App app = new App(AppProps.builder().context(Map.of(
                "uploadOrigins", "https://a.example, https://b.example",
                "uploadRetentionDays", "7",
                "maxBatchSeconds", "15",
                "imageRegistry", "ghcr.io/acme",
                "imageTag", "1.4.0",
                "workerMaxTasks", "25",
                "multiAz", "true",
                "alarmEmail", "oncall@example.com",
                "issuerUri", "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc",
                "tokenAudiences", "4pgbqm2kq1example")).build());
        DeploymentSettings settings = DeploymentSettings.fromContext(app.getNode());
        Path root = settings.repositoryRoot();
        assertThat(settings).isEqualTo(new DeploymentSettings(List.of("https://a.example", "https://b.example"), 7, 15,
                "ghcr.io/acme", "1.4.0", 25, true, "oncall@example.com",
                "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc", "4pgbqm2kq1example", root));
        assertThat(settings.signInEnvironment()).containsExactly(
                Map.entry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI",
                        "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc"),
                Map.entry("OIDC_AUDIENCES", "4pgbqm2kq1example"));
    }

    @Test
    void allThreeServicesTrustTheIssuerForTheSameAudience() {
        DeploymentSettings settings = DeploymentSettings.defaults()
                .withIssuerUri("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc");
        settings = new DeploymentSettings(settings.uploadOrigins(), settings.uploadRetentionDays(),
                settings.maxBatchSeconds(), null, "latest", 10, false, null, settings.issuerUri(), "client-1",
                settings.repositoryRoot());
        BulkImportStack stack = SynthesizedStack.synth(settings);
        TemplateQueries template = new TemplateQueries(software.amazon.awscdk.assertions.Template.fromStack(stack), stack);
        for (String service : List.of("import-api", "outbox-relay", "batch-worker")) {
            assertThat(template.environment("bulk-import-" + service, service)).as(service)
                    .containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI",
                            "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc")
                    .containsEntry("OIDC_AUDIENCES", "client-1");
        }
    }
}
