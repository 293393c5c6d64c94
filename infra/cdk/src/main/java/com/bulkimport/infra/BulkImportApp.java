package com.bulkimport.infra;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * {@code cdk synth} / {@code cdk deploy} entry point. Every choice is CDK context, see
 * {@link DeploymentSettings} (e.g. {@code cdk deploy -c stage=prod -c uploadOrigins=https://imports.acme.com}).
 */
public final class BulkImportApp {

    private BulkImportApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        DeploymentSettings settings = DeploymentSettings.fromContext(app.getNode());
        // one stack per stage (-c stage=prod), named for it: BulkImport-prod
        new BulkImportStack(app, settings.names().stackName(), StackProps.builder()
                .env(Environment.builder()
                        .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                        .region(System.getenv("CDK_DEFAULT_REGION"))
                        .build())
                .description("bulk-import (" + settings.stage().id() + "): VPC, RDS PostgreSQL, EventBridge + SQS,"
                        + " S3 uploads, ECS Fargate services, alarms")
                .build(), settings);
        app.synth();
    }
}
