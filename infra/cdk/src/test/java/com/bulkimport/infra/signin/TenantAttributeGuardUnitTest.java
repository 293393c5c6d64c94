package com.bulkimport.infra.signin;

import com.bulkimport.infra.BulkImportStack;
import com.bulkimport.infra.DeploymentSettings;
import com.bulkimport.infra.SynthesizedStack;
import com.bulkimport.infra.TemplateQueries;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** With a Cognito issuer the deployment checks that no trusted app client lets users write custom:tenant. */
@SuppressWarnings("unchecked")
class TenantAttributeGuardUnitTest {

    static final String COGNITO = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123";

    private static DeploymentSettings settings(String issuer, String audiences) {
        DeploymentSettings d = DeploymentSettings.defaults().withCertificateArn(SynthesizedStack.TEST_CERTIFICATE)
                .withIssuerUri(issuer);
        return new DeploymentSettings(d.uploadOrigins(), d.uploadRetentionDays(), d.maxBatchSeconds(), d.imageRegistry(),
                d.imageTag(), d.workerMaxTasks(), d.multiAz(), d.alarmEmail(), d.issuerUri(), audiences,
                d.repositoryRoot(), d.stage(), d.logRetentionDays(), d.deletionProtection(), d.certificateArn(),
                d.allowPlainHttp());
    }

    private static TemplateQueries synth(DeploymentSettings settings) {
        BulkImportStack stack = SynthesizedStack.synth(settings);
        return new TemplateQueries(Template.fromStack(stack), stack);
    }

    @Test
    void aCognitoIssuerGetsACheckOfEveryTrustedClientThatMayOnlyDescribeThePoolsClients() {
        TemplateQueries template = synth(settings(COGNITO, "web-client, cli-client"));
        List<String> guards = template.ids("Custom::TenantAttributeGuard");
        assertThat(guards).hasSize(1);
        Map<String, Object> props = template.properties(guards.get(0));
        assertThat(props).containsEntry("UserPoolId", "eu-west-1_AbC123")
                .containsEntry("ClientIds", List.of("web-client", "cli-client"));

        String function = template.ids("AWS::Lambda::Function").stream()
                .filter(id -> String.valueOf(template.properties(id).get("Description")).contains("custom:tenant"))
                .findFirst().orElseThrow();
        Map<String, Object> lambda = template.properties(function);
        assertThat(lambda).containsEntry("Runtime", "nodejs22.x").containsEntry("Handler", "index.handler")
                .containsEntry("Code", Map.of("ZipFile", TenantAttributeGuard.script()));
        String role = (String) ((List<Object>) ((Map<String, Object>) lambda.get("Role")).get("Fn::GetAtt")).get(0);
        List<Map<String, Object>> statements = template.ids("AWS::IAM::Policy").stream()
                .map(template::properties)
                .filter(p -> ((List<Object>) p.get("Roles")).contains(Map.of("Ref", role)))
                .flatMap(p -> ((List<Map<String, Object>>) ((Map<String, Object>) p.get("PolicyDocument")).get("Statement")).stream())
                .toList();
        assertThat(statements).containsExactly(Map.of("Effect", "Allow", "Action", "cognito-idp:DescribeUserPoolClient",
                "Resource", Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"),
                        ":cognito-idp:eu-west-1:", Map.of("Ref", "AWS::AccountId"), ":userpool/eu-west-1_AbC123")))));
    }

    @Test
    void aCognitoIssuerWithoutItsClientsFailsSynthesis() {
        assertThatThrownBy(() -> SynthesizedStack.synth(settings(COGNITO, null)))
                .hasMessageContaining("issuerUri " + COGNITO + " is a Cognito user pool: give its app client ids as"
                        + " -c tokenAudiences=<id>[,<id>]");
    }

    @Test
    void anotherIssuerOrNoneIsLeftToItsOperator() {
        assertThat(synth(settings("https://login.example.com/realms/acme", "bulk-import-api"))
                .ids("Custom::TenantAttributeGuard")).isEmpty();
        assertThat(TemplateQueries.ofDefaultStack().ids("Custom::TenantAttributeGuard")).isEmpty();
    }

    @Test
    void cognitoIssuersAreRecognisedByTheirUri() {
        assertThat(CognitoIssuer.of(COGNITO)).contains(new CognitoIssuer("eu-west-1", "eu-west-1_AbC123"));
        assertThat(CognitoIssuer.of("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_x9/"))
                .contains(new CognitoIssuer("us-east-1", "us-east-1_x9"));
        assertThat(CognitoIssuer.of("https://login.example.com/eu-west-1_AbC123")).isEqualTo(Optional.empty());
        assertThat(CognitoIssuer.of(null)).isEmpty();
        assertThatThrownBy(() -> CognitoIssuer.of("https://cognito-idp.eu-west-1.amazonaws.com/us-east-1_AbC"))
                .hasMessageContaining("the user pool id names region us-east-1, the host eu-west-1");
    }
}
