package com.bulkimport.infra.mail;

import com.bulkimport.infra.BulkImportStack;
import com.bulkimport.infra.DeploymentSettings;
import com.bulkimport.infra.SynthesizedStack;
import com.bulkimport.infra.TemplateQueries;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Completion mail on AWS: an SES identity from the context, the worker allowed to send from it and told to. */
class MailUnitTest {

    @Test
    void aMailIdentityGivesAnSesIdentityTheWorkersRightToSendAndItsSettings() {
        BulkImportStack stack = SynthesizedStack.synth(DeploymentSettings.defaults()
                .withCertificateArn(SynthesizedStack.TEST_CERTIFICATE).withMail("mail.example.com", null));
        Template template = Template.fromStack(stack);
        TemplateQueries queries = new TemplateQueries(template, stack);

        List<String> identities = queries.ids("AWS::SES::EmailIdentity");
        assertThat(identities).hasSize(1);
        assertThat(queries.properties(identities.get(0))).containsEntry("EmailIdentity", "mail.example.com");
        Map<String, Object> env = queries.environment("bulk-import-dev-batch-worker", "batch-worker");
        assertThat(env).containsEntry("MAIL_TRANSPORT", "ses").containsEntry("MAIL_FROM", "bulk-import@mail.example.com")
                .containsEntry("PUBLIC_BASE_URL", "https://imports.example.com").doesNotContainKey("MAIL_ENABLED");
        List<Map<String, Object>> statements = queries.roleStatements("bulk-import-dev-batch-worker", "TaskRoleArn");
        assertThat(statements).filteredOn(statement -> "SendMail".equals(statement.get("Sid"))).singleElement()
                .satisfies(statement -> {
                    assertThat(statement.get("Action")).isEqualTo(List.of("ses:SendEmail", "ses:SendRawEmail"));
                    // the identity of this stack, by reference: its ARN ends in identity/mail.example.com once deployed
                    assertThat(String.valueOf(queries.resolve(statement.get("Resource"))))
                            .contains(":identity/").contains("{Ref=" + identities.get(0) + "}");
                });
        assertThat(queries.roleStatements("bulk-import-dev-import-api", "TaskRoleArn").toString()).doesNotContain("ses:");
    }

    @Test
    void withoutAnIdentityTheWorkersMailIsOffAndNoSesIsTouched() {
        TemplateQueries queries = TemplateQueries.ofDefaultStack();
        assertThat(queries.ids("AWS::SES::EmailIdentity")).isEmpty();
        assertThat(queries.environment("bulk-import-dev-batch-worker", "batch-worker"))
                .containsEntry("MAIL_ENABLED", "false").doesNotContainKey("MAIL_TRANSPORT");
        assertThat(queries.roleStatements("bulk-import-dev-batch-worker", "TaskRoleArn").toString())
                .doesNotContain("ses:");
    }
}
