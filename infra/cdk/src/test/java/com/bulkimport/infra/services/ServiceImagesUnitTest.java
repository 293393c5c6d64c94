package com.bulkimport.infra.services;

import com.bulkimport.infra.DeploymentSettings;
import com.bulkimport.infra.TemplateQueries;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Images from the Dockerfile (default) or from a registry of prebuilt ones. */
class ServiceImagesUnitTest {

    private static TemplateQueries taskWith(String registry) {
        Stack stack = new Stack(new App(), "Images", StackProps.builder()
                .env(Environment.builder().account("123456789012").region("eu-west-1").build()).build());
        ServiceImages images = new ServiceImages(stack, DeploymentSettings.defaults().repositoryRoot(), registry, "1.4.0");
        FargateTaskDefinition task = FargateTaskDefinition.Builder.create(stack, "Task").family("t").build();
        task.addContainer("worker", ContainerDefinitionOptions.builder().image(images.image("batch-worker")).build());
        return new TemplateQueries(Template.fromStack(stack), stack);
    }

    @Test
    void aPublicRegistryImageIsUsedAsNamed() {
        TemplateQueries template = taskWith("ghcr.io/acme/bulk-import");
        assertThat(template.container("t", "worker").get("Image")).isEqualTo("ghcr.io/acme/bulk-import/batch-worker:1.4.0");
    }

    @Test
    void anEcrImageIsPulledWithRightsOnItsRepositoryOnly() {
        TemplateQueries template = taskWith("123456789012.dkr.ecr.eu-west-1.amazonaws.com/bulk-import");
        // the partition's URL suffix stays a reference, so the same template works in China and GovCloud
        assertThat(template.container("t", "worker").get("Image")).isEqualTo(Map.of("Fn::Join", List.of("", List.of(
                "123456789012.dkr.ecr.eu-west-1.", Map.of("Ref", "AWS::URLSuffix"), "/bulk-import/batch-worker:1.4.0"))));
        assertThat(template.roleStatements("t", "ExecutionRoleArn")).containsExactly(
                Map.of("Effect", "Allow",
                        "Action", List.of("ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"),
                        "Resource", Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"),
                                ":ecr:eu-west-1:123456789012:repository/bulk-import/batch-worker")))),
                Map.of("Effect", "Allow", "Action", "ecr:GetAuthorizationToken", "Resource", "*"));
    }

    @Test
    void theDockerBuildSeesOnlyTheDockerfileAndTheServicesOwnExecutableJar() {
        assertThat(ServiceImages.buildContextExcludes("batch-worker"))
                .containsExactly("**", "!Dockerfile", "!batch-worker/target/*-exec.jar");
    }
}
