package com.bulkimport.infra;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeploymentSettingsUnitTest {

    @Test
    void withoutContextEveryDefaultApplies() {
        DeploymentSettings settings = DeploymentSettings.fromContext(new App().getNode());
        assertThat(settings).isEqualTo(new DeploymentSettings(List.of("https://imports.example.com"), 30, 20, null,
                "latest", 10, false, null, null, null, settings.repositoryRoot(), Stage.DEV, 7, false, null,
                false));
        assertThat(settings.signInEnvironment()).isEmpty();
        assertThat(Files.isRegularFile(settings.repositoryRoot().resolve("infra/event-rules.json"))).isTrue();
        assertThat(Files.isRegularFile(settings.repositoryRoot().resolve("Dockerfile"))).isTrue();
    }

    @Test
    void synthWarnsThatTheApiWillNotStartWithoutAnIssuer() {
        software.amazon.awscdk.assertions.Annotations.fromStack(SynthesizedStack.stack()).hasWarning("/Test",
                software.amazon.awscdk.assertions.Match.stringLikeRegexp(".*does not start without a token issuer.*"));
        BulkImportStack withIssuer = SynthesizedStack.synth(DeploymentSettings.defaults()
                .withCertificateArn(SynthesizedStack.TEST_CERTIFICATE).withIssuerUri("https://login.example.com/realms/imports"));
        software.amazon.awscdk.assertions.Annotations.fromStack(withIssuer).hasNoWarning("/Test",
                software.amazon.awscdk.assertions.Match.stringLikeRegexp(".*token issuer.*"));
    }

    @Test
    void contextValuesOverrideThem() {
        App app = new App(AppProps.builder().context(Map.ofEntries(
                Map.entry("uploadOrigins", "https://a.example, https://b.example"),
                Map.entry("uploadRetentionDays", "7"),
                Map.entry("maxBatchSeconds", "15"),
                Map.entry("imageRegistry", "ghcr.io/acme"),
                Map.entry("imageTag", "1.4.0"),
                Map.entry("workerMaxTasks", "25"),
                Map.entry("multiAz", "true"),
                Map.entry("alarmEmail", "oncall@example.com"),
                Map.entry("issuerUri", "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc"),
                Map.entry("tokenAudiences", "4pgbqm2kq1example"),
                Map.entry("certificateArn", "arn:aws:acm:eu-west-1:123456789012:certificate/abc"))).build());
        DeploymentSettings settings = DeploymentSettings.fromContext(app.getNode());
        Path root = settings.repositoryRoot();
        assertThat(settings).isEqualTo(new DeploymentSettings(List.of("https://a.example", "https://b.example"), 7, 15,
                "ghcr.io/acme", "1.4.0", 25, true, "oncall@example.com",
                "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc", "4pgbqm2kq1example", root, Stage.DEV, 7,
                false, "arn:aws:acm:eu-west-1:123456789012:certificate/abc", false));
        assertThat(settings.signInEnvironment()).containsExactly(
                Map.entry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI",
                        "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc"),
                Map.entry("OIDC_AUDIENCES", "4pgbqm2kq1example"));
    }

    @Test
    void eachStageHasItsOwnRetentionAndProtection() {
        assertThat(java.util.Arrays.stream(Stage.values()).map(stage -> {
            DeploymentSettings s = DeploymentSettings.fromContext(new App(AppProps.builder()
                    .context(Map.of("stage", stage.id())).build()).getNode());
            return s.stage().id() + " " + s.logRetentionDays() + " " + s.deletionProtection();
        }).toList()).containsExactly("dev 7 false", "qa 14 false", "staging 30 true", "prod 90 true");
    }

    @Test
    void aStageTakesItsOwnEntryOfStagesAndAFlatKeyWinsOverIt() {
        Map<String, Object> stages = Map.of(
                "prod", Map.of("alarmEmail", "oncall@example.com", "logRetentionDays", 365, "workerMaxTasks", "40"),
                "qa", Map.of("alarmEmail", "qa-team@example.com", "deletionProtection", true));
        DeploymentSettings prod = DeploymentSettings.fromContext(new App(AppProps.builder()
                .context(Map.of("stage", "prod", "stages", stages)).build()).getNode());
        assertThat(List.of(prod.alarmEmail(), prod.logRetentionDays(), prod.workerMaxTasks(), prod.deletionProtection()))
                .isEqualTo(List.of("oncall@example.com", 365, 40, true));
        DeploymentSettings qa = DeploymentSettings.fromContext(new App(AppProps.builder()
                .context(Map.of("stage", "qa", "stages", stages, "alarmEmail", "me@example.com")).build()).getNode());
        assertThat(List.of(qa.alarmEmail(), qa.logRetentionDays(), qa.deletionProtection()))
                .isEqualTo(List.of("me@example.com", 14, true));
        DeploymentSettings dev = DeploymentSettings.fromContext(new App(AppProps.builder()
                .context(Map.of("stages", stages)).build()).getNode());
        assertThat(List.of(dev.stage(), String.valueOf(dev.alarmEmail()))).isEqualTo(List.of(Stage.DEV, "null"));
    }

    @Test
    void anUnknownStageOrRetentionIsRefusedWithTheChoices() {
        assertThatThrownBy(() -> DeploymentSettings.fromContext(new App(AppProps.builder()
                .context(Map.of("stage", "production")).build()).getNode()))
                .hasMessage("unknown stage 'production': one of dev, qa, staging, prod");
        assertThatThrownBy(() -> DeploymentSettings.fromContext(new App(AppProps.builder()
                .context(Map.of("stages", Map.of("live", Map.of()))).build()).getNode()))
                .hasMessage("unknown stage 'live': one of dev, qa, staging, prod");
        assertThatThrownBy(() -> DeploymentSettings.fromContext(new App(AppProps.builder()
                .context(Map.of("logRetentionDays", "10")).build()).getNode()))
                .hasMessageStartingWith("logRetentionDays 10 is not a retention CloudWatch Logs offers: one of [1, 3, 5, 7, 14,");
    }

    @Test
    void allThreeServicesTrustTheIssuerForTheSameAudience() {
        DeploymentSettings settings = DeploymentSettings.defaults()
                .withIssuerUri("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc");
        settings = new DeploymentSettings(settings.uploadOrigins(), settings.uploadRetentionDays(),
                settings.maxBatchSeconds(), null, "latest", 10, false, null, settings.issuerUri(), "client-1",
                settings.repositoryRoot(), Stage.DEV, 7, false, SynthesizedStack.TEST_CERTIFICATE, false);
        BulkImportStack stack = SynthesizedStack.synth(settings);
        TemplateQueries template = new TemplateQueries(software.amazon.awscdk.assertions.Template.fromStack(stack), stack);
        for (String service : List.of("import-api", "outbox-relay", "batch-worker")) {
            assertThat(template.environment("bulk-import-dev-" + service, service)).as(service)
                    .containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI",
                            "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc")
                    .containsEntry("OIDC_AUDIENCES", "client-1");
        }
    }
}
