package com.bulkimport.infra;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

import java.util.Arrays;
import java.util.List;

/** {@code cdk synth} / {@code cdk deploy} entry point. Context: {@code uploadOrigins} (comma-separated). */
public final class BulkImportApp {

    private BulkImportApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        Object origins = app.getNode().tryGetContext("uploadOrigins");
        List<String> uploadOrigins = origins == null ? List.of("https://imports.example.com")
                : Arrays.stream(origins.toString().split(",")).map(String::trim).toList();
        new BulkImportStack(app, "BulkImport", StackProps.builder()
                .env(Environment.builder()
                        .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                        .region(System.getenv("CDK_DEFAULT_REGION"))
                        .build())
                .description("bulk-import: event bus, work queue + DLQ, upload bucket")
                .build(), uploadOrigins);
        app.synth();
    }
}
