package com.bulkimport.infra.database;

import com.bulkimport.infra.TemplateQueries;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The VPC's three tiers and RDS PostgreSQL in the isolated one, reachable only from the services. */
class NetworkAndDatabaseUnitTest {

    static TemplateQueries template;
    static String db;

    @BeforeAll
    static void synth() {
        template = TemplateQueries.ofDefaultStack();
        db = template.ids("AWS::RDS::DBInstance").get(0);
    }

    @Test
    void theVpcHasPublicAppAndDataSubnetsInTwoZonesAndOneNatGateway() {
        assertThat(template.properties(template.ids("AWS::EC2::VPC").get(0)))
                .containsEntry("CidrBlock", "10.40.0.0/16").containsEntry("EnableDnsHostnames", true);
        assertThat(template.ids("AWS::EC2::Subnet").stream().map(id -> template.properties(id).get("CidrBlock")).sorted().toList())
                .isEqualTo(List.of("10.40.0.0/24", "10.40.1.0/24", "10.40.16.0/20", "10.40.32.0/20", "10.40.48.0/24", "10.40.49.0/24"));
        assertThat(template.ids("AWS::EC2::NatGateway")).hasSize(1);
        String endpoint = template.ids("AWS::EC2::VPCEndpoint").get(0);
        assertThat(template.properties(endpoint)).containsEntry("VpcEndpointType", "Gateway")
                .containsEntry("ServiceName", Map.of("Fn::Join", List.of("", List.of("com.amazonaws.", Map.of("Ref", "AWS::Region"), ".s3"))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void postgresIsEncryptedPrivateBackedUpAndInTheDataSubnets() {
        Map<String, Object> props = template.properties(db);
        assertThat(props).containsEntry("Engine", "postgres").containsEntry("EngineVersion", "17.6")
                .containsEntry("DBInstanceClass", "db.m7g.large").containsEntry("DBName", "bulkimport")
                .containsEntry("StorageEncrypted", true).containsEntry("PubliclyAccessible", false)
                .containsEntry("MultiAZ", false).containsEntry("BackupRetentionPeriod", 7)
                .containsEntry("DBInstanceIdentifier", "bulk-import-dev")
                .containsEntry("DeletionProtection", false).containsEntry("StorageType", "gp3")
                .containsEntry("AllocatedStorage", "100").containsEntry("MaxAllocatedStorage", 1000)
                .containsEntry("EnableCloudwatchLogsExports", List.of("postgresql"))
                .containsEntry("MasterUsername", "bulkimport");
        assertThat(template.resource(db)).containsEntry("DeletionPolicy", "Snapshot");
        String group = template.ids("AWS::RDS::DBSubnetGroup").get(0);
        List<Object> subnets = (List<Object>) template.properties(group).get("SubnetIds");
        assertThat(subnets).hasSize(2).allMatch(s -> ((Map<String, String>) s).get("Ref").startsWith("NetworkVpcdataSubnet"));
    }

    @Test
    void credentialsAreGeneratedIntoSecretsManagerAndKeptWithTheSnapshot() {
        String secret = template.idWhere("AWS::SecretsManager::Secret", "Name", "bulk-import-dev-database");
        assertThat(template.properties(secret).get("GenerateSecretString")).isEqualTo(Map.of(
                "ExcludeCharacters", " %+~`#$&*()|[]{}:;<>?!'/@\"\\",
                "GenerateStringKey", "password",
                "PasswordLength", 30,
                "SecretStringTemplate", "{\"username\":\"bulkimport\"}"));
        assertThat(template.resource(secret)).containsEntry("DeletionPolicy", "Retain");
        assertThat(template.properties(db).get("MasterUserPassword")).isEqualTo(Map.of("Fn::Join", List.of("",
                List.of("{{resolve:secretsmanager:", Map.of("Ref", secret), ":SecretString:password::}}"))));
    }

    /** 43 letters and digits base64-decode to the 32 bytes SecretBox needs; lost, it would lock every sealed secret. */
    @Test
    void theKeyThatSealsWebhookSecretsIsGeneratedAndKeptLikeTheData() {
        String key = template.idWhere("AWS::SecretsManager::Secret", "Name", "bulk-import-dev-secrets-key");
        assertThat(template.properties(key).get("GenerateSecretString")).isEqualTo(Map.of(
                "ExcludePunctuation", true, "IncludeSpace", false, "GenerateStringKey", "key",
                "PasswordLength", 43, "SecretStringTemplate", "{}"));
        assertThat(template.resource(key)).containsEntry("DeletionPolicy", "Retain");
        // a value of that shape is what SecretBox decodes: the 32 bytes of an AES-256 key
        assertThat(java.util.Base64.getDecoder().decode("aZ09".repeat(10) + "Qx7")).hasSize(32);
    }

    @Test
    void onlyTheThreeServicesReachPostgres() {
        List<String> sources = template.ids("AWS::EC2::SecurityGroupIngress").stream()
                .map(template::properties)
                .filter(p -> Map.of("Fn::GetAtt", List.of(db, "Endpoint.Port")).equals(p.get("FromPort")))
                .map(p -> p.get("Description") + " <- " + p.get("SourceSecurityGroupId"))
                .sorted().toList();
        assertThat(sources).isEqualTo(List.of(
                "PostgreSQL from batch-worker <- {Fn::GetAtt=[WorkerServiceSecurityGroup31B1E69F, GroupId]}",
                "PostgreSQL from import-api <- {Fn::GetAtt=[ApiServiceSecurityGroupB3AFC3CA, GroupId]}",
                "PostgreSQL from outbox-relay <- {Fn::GetAtt=[RelayServiceSecurityGroupBF0ECFF1, GroupId]}"));
    }
}
