package com.bulkimport.infra;

import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

import java.util.Map;

/**
 * The stack synthesized once per test JVM with the default settings and a certificate (synth takes seconds; every
 * template test class reads the same result). Asset staging is off: the tests read the template,
 * not the copied build contexts.
 */
public final class SynthesizedStack {

    /** The ACM certificate the test stacks' HTTPS listener names (synthesis never looks it up). */
    public static final String TEST_CERTIFICATE =
            "arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-4000-8000-000000000000";

    private static Template template;
    private static BulkImportStack stack;

    private SynthesizedStack() {
    }

    public static synchronized Template template() {
        if (template == null) {
            stack = synth(DeploymentSettings.defaults().withCertificateArn(TEST_CERTIFICATE));
            template = Template.fromStack(stack);
        }
        return template;
    }

    public static synchronized BulkImportStack stack() {
        template();
        return stack;
    }

    public static BulkImportStack synth(DeploymentSettings settings) {
        return synth(settings, "Test");
    }

    /** @param id the stack's id, e.g. the name the app gives the stage's stack */
    public static BulkImportStack synth(DeploymentSettings settings, String id) {
        App app = new App(AppProps.builder().context(Map.of("aws:cdk:disable-asset-staging", true)).build());
        return new BulkImportStack(app, id, StackProps.builder().build(), settings);
    }
}
