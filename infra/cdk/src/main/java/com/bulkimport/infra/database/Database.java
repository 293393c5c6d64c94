package com.bulkimport.infra.database;

import com.bulkimport.infra.Names;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Resource;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.ec2.InstanceClass;
import software.amazon.awscdk.services.ec2.InstanceSize;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.rds.Credentials;
import software.amazon.awscdk.services.rds.CredentialsBaseOptions;
import software.amazon.awscdk.services.rds.DatabaseInstance;
import software.amazon.awscdk.services.rds.DatabaseInstanceEngine;
import software.amazon.awscdk.services.rds.PostgresEngineVersion;
import software.amazon.awscdk.services.rds.PostgresInstanceEngineProps;
import software.amazon.awscdk.services.rds.StorageType;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** RDS PostgreSQL, the one schema every service shares; its credentials live in Secrets Manager only. */
public class Database extends Construct {

    public static final String NAME = "bulkimport";

    private final DatabaseInstance instance;
    private final software.amazon.awscdk.services.secretsmanager.Secret sealingKey;

    /** @param deletionProtection RDS refuses to delete the instance until it is turned off (staging and prod) */
    public Database(Construct scope, String id, IVpc vpc, boolean multiAz, Names names, boolean deletionProtection) {
        super(scope, id);
        instance = DatabaseInstance.Builder.create(this, "Postgres")
                .instanceIdentifier(names.of("bulk-import"))
                .engine(DatabaseInstanceEngine.postgres(PostgresInstanceEngineProps.builder()
                        .version(PostgresEngineVersion.VER_17_6).build()))
                .instanceType(InstanceType.of(InstanceClass.M7G, InstanceSize.LARGE))
                .vpc(vpc)
                .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build())
                .credentials(Credentials.fromGeneratedSecret("bulkimport", CredentialsBaseOptions.builder()
                        .secretName(names.of("database")).build()))
                .databaseName(NAME)
                .storageType(StorageType.GP3)
                .allocatedStorage(100)
                .maxAllocatedStorage(1000)
                .storageEncrypted(true)
                .multiAz(multiAz)
                .publiclyAccessible(false)
                .backupRetention(Duration.days(7))
                .deletionProtection(deletionProtection)
                .removalPolicy(RemovalPolicy.SNAPSHOT)
                .cloudwatchLogsExports(List.of("postgresql"))
                .build();
        // the database survives a stack deletion as a snapshot; its password must survive with it
        ((Resource) instance.getNode().findChild("Secret")).applyRemovalPolicy(RemovalPolicy.RETAIN);
        // The key webhook signing secrets are sealed with in this database (support/secrets/SecretBox): 43 random
        // letters and digits, which base64-decode to the 32 bytes of an AES-256 key. It lives and dies with the
        // data it protects: kept when the stack goes, as the database's snapshot and password are, since a lost
        // key makes every sealed secret unreadable.
        sealingKey = software.amazon.awscdk.services.secretsmanager.Secret.Builder.create(this, "SealingKey")
                .secretName(names.of("secrets-key"))
                .description("bulk-import: the key webhook signing secrets are sealed with in the database")
                .generateSecretString(SecretStringGenerator.builder()
                        .secretStringTemplate("{}").generateStringKey("key")
                        .passwordLength(43).excludePunctuation(true).includeSpace(false).build())
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
    }

    /** pgjdbc URL; RDS forces TLS on PostgreSQL 15+, and the URL says so too. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + instance.getDbInstanceEndpointAddress() + ":"
                + instance.getDbInstanceEndpointPort() + "/" + NAME + "?sslmode=require";
    }

    /** DATABASE_USER and DATABASE_PASSWORD, injected by ECS from the secret, never in the task definition. */
    public Map<String, Secret> credentials() {
        Map<String, Secret> secrets = new LinkedHashMap<>();
        secrets.put("DATABASE_USER", Secret.fromSecretsManager(instance.getSecret(), "username"));
        secrets.put("DATABASE_PASSWORD", Secret.fromSecretsManager(instance.getSecret(), "password"));
        return secrets;
    }

    /** SECRETS_KEY, for the services that seal or open webhook secrets (import-api, batch-worker), never the relay. */
    public Map<String, Secret> sealingKey() {
        return Map.of("SECRETS_KEY", Secret.fromSecretsManager(sealingKey, "key"));
    }

    public void allowFrom(IConnectable client, String who) {
        instance.getConnections().allowDefaultPortFrom(client, "PostgreSQL from " + who);
    }

    public DatabaseInstance instance() {
        return instance;
    }
}
