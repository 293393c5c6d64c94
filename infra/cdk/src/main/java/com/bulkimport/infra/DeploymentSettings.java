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
 * @param imageRegistry      null: build the images from the Dockerfile at deploy time (CDK asset);
 *                           otherwise a registry prefix, images are {@code <prefix>/<service>:<imageTag>}
 * @param imageTag           tag of the prebuilt images
 * @param workerMaxTasks     upper bound of worker autoscaling
 * @param multiAz            a standby database in a second zone
 * @param alarmEmail         null, or an address subscribed to the alarm topic
 * @param issuerUri          null, or the OIDC issuer the services trust (e.g. a Cognito user pool)
 * @param tokenAudiences     null (the services' default, {@code bulk-import-api}), or the audiences a token must
 *                           name, comma-separated (with Cognito: the app client id, which its access tokens
 *                           carry as {@code client_id})
 * @param repositoryRoot     the checkout, where the Dockerfile is
 */
public record DeploymentSettings(List<String> uploadOrigins, int uploadRetentionDays, int maxBatchSeconds,
                                 String imageRegistry, String imageTag, int workerMaxTasks, boolean multiAz,
                                 String alarmEmail, String issuerUri, String tokenAudiences, Path repositoryRoot) {

    public static DeploymentSettings defaults() {
        return new DeploymentSettings(List.of("https://imports.example.com"), 30, 20, null, "latest", 10, false,
                null, null, null, RepositoryRoot.find());
    }

    public static DeploymentSettings fromContext(Node node) {
        DeploymentSettings d = defaults();
        String origins = text(node, "uploadOrigins");
        return new DeploymentSettings(
                origins == null ? d.uploadOrigins() : Arrays.stream(origins.split(",")).map(String::trim).toList(),
                number(node, "uploadRetentionDays", d.uploadRetentionDays()),
                number(node, "maxBatchSeconds", d.maxBatchSeconds()),
                text(node, "imageRegistry"),
                orElse(text(node, "imageTag"), d.imageTag()),
                number(node, "workerMaxTasks", d.workerMaxTasks()),
                Boolean.parseBoolean(orElse(text(node, "multiAz"), "false")),
                text(node, "alarmEmail"),
                text(node, "issuerUri"),
                text(node, "tokenAudiences"),
                d.repositoryRoot());
    }

    public DeploymentSettings withImageRegistry(String registry, String tag) {
        return new DeploymentSettings(uploadOrigins, uploadRetentionDays, maxBatchSeconds, registry, tag,
                workerMaxTasks, multiAz, alarmEmail, issuerUri, tokenAudiences, repositoryRoot);
    }

    public DeploymentSettings withMaxBatchSeconds(int seconds) {
        return new DeploymentSettings(uploadOrigins, uploadRetentionDays, seconds, imageRegistry, imageTag,
                workerMaxTasks, multiAz, alarmEmail, issuerUri, tokenAudiences, repositoryRoot);
    }

    public DeploymentSettings withAlarmEmail(String email) {
        return new DeploymentSettings(uploadOrigins, uploadRetentionDays, maxBatchSeconds, imageRegistry, imageTag,
                workerMaxTasks, multiAz, email, issuerUri, tokenAudiences, repositoryRoot);
    }

    public DeploymentSettings withIssuerUri(String uri) {
        return new DeploymentSettings(uploadOrigins, uploadRetentionDays, maxBatchSeconds, imageRegistry, imageTag,
                workerMaxTasks, multiAz, alarmEmail, uri, tokenAudiences, repositoryRoot);
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

    private static String text(Node node, String key) {
        Object value = node.tryGetContext(key);
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }

    private static int number(Node node, String key, int fallback) {
        String value = text(node, key);
        return value == null ? fallback : Integer.parseInt(value);
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
