package com.bulkimport.infra;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Two stages in one account and region: no physical name in common, each with its own settings. */
@SuppressWarnings("unchecked")
class StagesUnitTest {

    /**
     * Names a resource is given inside something of its stage's own, so they may repeat: the database
     * inside its instance, a service's DNS label inside the stage's namespace, an inline policy inside
     * its role. A metric's name is no resource (its dimensions carry the stage, see the alarm tests).
     */
    static final Set<String> SCOPED = Set.of("AWS::RDS::DBInstance DBName", "AWS::ServiceDiscovery::Service Name",
            "AWS::IAM::Policy PolicyName", "AWS::CloudWatch::Alarm MetricName");

    /** The stage's stack as the app names it (BulkImport-prod). */
    static BulkImportStack synth(Stage stage) {
        DeploymentSettings settings = DeploymentSettings.defaults(stage).withCertificateArn(SynthesizedStack.TEST_CERTIFICATE);
        return SynthesizedStack.synth(settings, settings.names().stackName());
    }

    /** Every physical name the template gives, with the "type property"s that carry it. */
    static Map<String, Set<String>> physicalNames(BulkImportStack stack) {
        Map<String, Object> resources = (Map<String, Object>) Template.fromStack(stack).toJSON().get("Resources");
        Map<String, Set<String>> names = new TreeMap<>();
        resources.forEach((id, r) -> {
            Map<String, Object> resource = (Map<String, Object>) r;
            String type = (String) resource.get("Type");
            Map<String, Object> props = (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
            props.forEach((key, value) -> {
                // a KmsKeyIdentifier points at a key (the archive's is "" for EventBridge's own), it names nothing
                boolean named = key.endsWith("Name") || key.equals("Family")
                        || key.endsWith("Identifier") && !key.equals("KmsKeyIdentifier");
                if (named && value instanceof String text && !SCOPED.contains(type + " " + key)) {
                    names.computeIfAbsent(text, n -> new TreeSet<>()).add(type + " " + key);
                }
            });
        });
        return names;
    }

    @Test
    void devAndProdShareNoPhysicalName() {
        Map<String, Set<String>> dev = physicalNames(synth(Stage.DEV));
        Map<String, Set<String>> prod = physicalNames(synth(Stage.PROD));

        // the comparison covers every kind of named resource, not an empty set
        Set<String> kinds = new TreeSet<>();
        prod.values().forEach(kinds::addAll);
        assertThat(kinds).containsAll(List.of(
                "AWS::SQS::Queue QueueName", "AWS::Events::EventBus Name",
                "AWS::Events::Rule Name", "AWS::Logs::LogGroup LogGroupName", "AWS::CloudWatch::Alarm AlarmName",
                "AWS::ECS::Service ServiceName", "AWS::ECS::Cluster ClusterName", "AWS::ECS::TaskDefinition Family",
                "AWS::RDS::DBInstance DBInstanceIdentifier", "AWS::SecretsManager::Secret Name",
                "AWS::SNS::Topic TopicName", "AWS::ServiceDiscovery::PrivateDnsNamespace Name"));
        Set<String> shared = new TreeSet<>(dev.keySet());
        shared.retainAll(prod.keySet());
        Map<String, Set<String>> clashes = new TreeMap<>(prod);
        clashes.keySet().retainAll(shared);
        assertThat(clashes).as("names both stages claim").isEmpty();
        assertThat(prod.keySet()).allMatch(name -> name.contains("prod") || name.contains("Prod"), "every prod name says prod");
    }

    @Test
    void eachStackIsNamedForItsStage() {
        assertThat(new Names(Stage.STAGING).stackName()).isEqualTo("BulkImport-staging");
        assertThat(List.of(new Names(Stage.QA).of("bulk-import"), new Names(Stage.QA).of("bulk-import-work-dlq"),
                new Names(Stage.QA).of("import-work"), new Names(Stage.QA).logGroup("batch-worker"),
                new Names(Stage.QA).namespace())).containsExactly("bulk-import-qa", "bulk-import-qa-work-dlq",
                "bulk-import-qa-import-work", "/bulk-import/qa/batch-worker", "qa.bulk-import.internal");
    }

    @Test
    void prodKeepsLogsLongerAndProtectsItsDatabaseAndStack() {
        Map<String, List<Object>> byStage = new TreeMap<>();
        for (Stage stage : List.of(Stage.DEV, Stage.PROD)) {
            BulkImportStack stack = synth(stage);
            TemplateQueries template = new TemplateQueries(Template.fromStack(stack), stack);
            Set<Object> retention = new TreeSet<>();
            template.ids("AWS::Logs::LogGroup").forEach(id -> retention.add(template.properties(id).get("RetentionInDays")));
            Object protection = template.properties(template.ids("AWS::RDS::DBInstance").get(0)).get("DeletionProtection");
            byStage.put(stage.id(), List.of(retention, protection, stack.getTerminationProtection()));
        }
        assertThat(byStage).isEqualTo(Map.of(
                "dev", List.of(Set.of(7), false, false),
                "prod", List.of(Set.of(90), true, true)));
    }
}
