package com.bulkimport.infra;

import software.constructs.Node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Everything a deployment may choose, read from CDK context ({@code cdk deploy -c key=value} or
 * {@code cdk.json}); each default is what a first deployment should get.
 *
 * @param uploadOrigins      browser origins allowed to PUT to presigned URLs (the web UI's origin)
 * @param uploadRetentionDays days an uploaded file is kept before S3 deletes it
 * @param maxBatchSeconds    the longest a worker may take on one message; the work queue's visibility
 *                           timeout must be at least six times this, or a slow batch is redelivered
 *                           to a second worker while the first still holds it
 * @param imageRegistry      null: build the images from the Dockerfiles at deploy time (CDK asset);
 *                           otherwise a registry prefix, images are {@code <prefix>/<service>:<imageTag>}
 * @param imageTag           tag of the prebuilt images
 * @param workerMaxTasks     upper bound of worker autoscaling
 * @param multiAz            a standby database in a second zone
 * @param alarmEmail         null, or an address subscribed to the alarm topic
 * @param issuerUri          null, or the OIDC issuer the services trust (e.g. a Cognito user pool)
 * @param tokenAudiences     null (the services' default, {@code bulk-import-api}), or the audiences a token must
 *                           name, comma-separated (with Cognito: the app client id, which its access tokens
 *                           carry as {@code client_id})
 * @param repositoryRoot     the checkout, where the Dockerfiles are
 * @param stage              dev, qa, staging or prod: in every resource name, so stages share an account and region
 * @param logRetentionDays   days the services' logs are kept (the stage's default: 7, 14, 30, 90)
 * @param deletionProtection the database's deletion protection and the stack's termination protection
 *                           (the stage's default: on for staging and prod)
 */
public record DeploymentSettings(List<String> uploadOrigins, int uploadRetentionDays, int maxBatchSeconds,
                                 String imageRegistry, String imageTag, int workerMaxTasks, boolean multiAz,
                                 String alarmEmail, String issuerUri, String tokenAudiences, Path repositoryRoot,
                                 Stage stage, int logRetentionDays, boolean deletionProtection) {

    /** Context key of a map from stage to that stage's settings (in cdk.json), e.g. {@code {"prod": {"alarmEmail": ...}}}. */
    public static final String STAGES = "stages";

    public DeploymentSettings {
        LogRetention.of(logRetentionDays);
    }

    public static DeploymentSettings defaults() {
        return defaults(Stage.DEV);
    }

    public static DeploymentSettings defaults(Stage stage) {
        return new DeploymentSettings(List.of("https://imports.example.com"), 30, 20, null, "latest", 10, false,
                null, null, null, RepositoryRoot.find(), stage, stage.logRetentionDays(), stage.deletionProtection());
    }

    /**
     * Each key is read from the context itself ({@code -c key=value}, or a top-level key of cdk.json), else
     * from the stage's entry of {@value #STAGES}, else the default (the stage's own where it has one).
     */
    public static DeploymentSettings fromContext(Node node) {
        Stage stage = Stage.of(orElse(text(node.tryGetContext("stage")), Stage.DEV.id()));
        Context context = new Context(node, stage);
        DeploymentSettings d = defaults(stage);
        String origins = context.text("uploadOrigins");
        return new DeploymentSettings(
                origins == null ? d.uploadOrigins() : Arrays.stream(origins.split(",")).map(String::trim).toList(),
                context.number("uploadRetentionDays", d.uploadRetentionDays()),
                context.number("maxBatchSeconds", d.maxBatchSeconds()),
                context.text("imageRegistry"),
                orElse(context.text("imageTag"), d.imageTag()),
                context.number("workerMaxTasks", d.workerMaxTasks()),
                Boolean.parseBoolean(orElse(context.text("multiAz"), "false")),
                context.text("alarmEmail"),
                context.text("issuerUri"),
                context.text("tokenAudiences"),
                d.repositoryRoot(),
                stage,
                context.number("logRetentionDays", d.logRetentionDays()),
                Boolean.parseBoolean(orElse(context.text("deletionProtection"), String.valueOf(d.deletionProtection()))));
    }

    /** The physical names of this stage's resources. */
    public Names names() {
        return new Names(stage);
    }

    public DeploymentSettings withImageRegistry(String registry, String tag) {
        return new DeploymentSettings(uploadOrigins, uploadRetentionDays, maxBatchSeconds, registry, tag,
                workerMaxTasks, multiAz, alarmEmail, issuerUri, tokenAudiences, repositoryRoot, stage, logRetentionDays,
                deletionProtection);
    }

    public DeploymentSettings withMaxBatchSeconds(int seconds) {
        return new DeploymentSettings(uploadOrigins, uploadRetentionDays, seconds, imageRegistry, imageTag,
                workerMaxTasks, multiAz, alarmEmail, issuerUri, tokenAudiences, repositoryRoot, stage, logRetentionDays,
                deletionProtection);
    }

    public DeploymentSettings withAlarmEmail(String email) {
        return new DeploymentSettings(uploadOrigins, uploadRetentionDays, maxBatchSeconds, imageRegistry, imageTag,
                workerMaxTasks, multiAz, email, issuerUri, tokenAudiences, repositoryRoot, stage, logRetentionDays,
                deletionProtection);
    }

    public DeploymentSettings withIssuerUri(String uri) {
        return new DeploymentSettings(uploadOrigins, uploadRetentionDays, maxBatchSeconds, imageRegistry, imageTag,
                workerMaxTasks, multiAz, alarmEmail, uri, tokenAudiences, repositoryRoot, stage, logRetentionDays,
                deletionProtection);
    }

    /** What every service reads to check tokens: the issuer and, when given, the audiences. */
    public java.util.Map<String, String> signInEnvironment() {
        java.util.Map<String, String> env = new java.util.LinkedHashMap<>();
        if (issuerUri != null) {
            env.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", issuerUri);
        }
        if (tokenAudiences != null) {
            env.put("OIDC_AUDIENCES", tokenAudiences);
        }
        return env;
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }

    /** The context as one stage sees it: its own key first, then the stage's entry of {@value #STAGES}. */
    private record Context(Node node, Stage stage) {

        String text(String key) {
            String own = DeploymentSettings.text(node.tryGetContext(key));
            if (own != null) {
                return own;
            }
            Object stages = node.tryGetContext(STAGES);
            if (stages == null) {
                return null;
            }
            if (!(stages instanceof java.util.Map<?, ?> byStage)) {
                throw new IllegalArgumentException("context " + STAGES + " must map stage names to settings: " + stages);
            }
            for (Object name : byStage.keySet()) {
                Stage.of(String.valueOf(name));
            }
            Object settings = byStage.get(stage.id());
            if (settings == null) {
                return null;
            }
            if (!(settings instanceof java.util.Map<?, ?> values)) {
                throw new IllegalArgumentException("context " + STAGES + "." + stage.id() + " must be an object: " + settings);
            }
            return DeploymentSettings.text(values.get(key));
        }

        int number(String key, int fallback) {
            String value = text(key);
            return value == null ? fallback : Integer.parseInt(value);
        }
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }

    /** The checkout is found from the working directory, so {@code cdk synth} and the tests agree. */
    static final class RepositoryRoot {

        private RepositoryRoot() {
        }

        static Path find() {
            Path dir = Path.of("").toAbsolutePath();
            for (Path p = dir; p != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("infra/event-rules.json"))) {
                    return p;
                }
            }
            throw new IllegalStateException("no infra/event-rules.json above " + dir + "; run from the checkout");
        }
    }
}
