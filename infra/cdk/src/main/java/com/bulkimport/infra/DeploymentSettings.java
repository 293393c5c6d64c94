package com.bulkimport.infra;

import software.constructs.Node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

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
 * @param stage              dev, qa, staging or prod: in every resource name, so stages share an account and region
 * @param logRetentionDays   days the services' logs are kept (the stage's default: 7, 14, 30, 90)
 * @param deletionProtection the database's deletion protection and the stack's termination protection
 *                           (the stage's default: on for staging and prod)
 * @param certificateArn     the ACM certificate (in the stack's region) the API's HTTPS listener presents; required
 *                           unless a dev stage opts out with {@code allowPlainHttp}
 * @param allowPlainHttp     a dev stage without a certificate: the API on plain HTTP, port 80
 * @param mailIdentity       null (no mail: the worker's mail is off), or the SES identity the worker sends the
 *                           completion mail from: a domain ({@code example.com}) or one address
 * @param mailFrom           the sender address (default: {@code bulk-import@<domain>}, or the identity's address)
 */
public record DeploymentSettings(List<String> uploadOrigins, int uploadRetentionDays, int maxBatchSeconds,
                                 String imageRegistry, String imageTag, int workerMaxTasks, boolean multiAz,
                                 String alarmEmail, String issuerUri, String tokenAudiences, Path repositoryRoot,
                                 Stage stage, int logRetentionDays, boolean deletionProtection,
                                 String certificateArn, boolean allowPlainHttp, String mailIdentity,
                                 String mailFrom) {

    /** Context key of a map from stage to that stage's settings (in cdk.json), e.g. {@code {"prod": {"alarmEmail": ...}}}. */
    public static final String STAGES = "stages";

    private static final Pattern ACM_CERTIFICATE =
            Pattern.compile("arn:aws[a-z-]*:acm:[a-z0-9-]+:\\d{12}:certificate/[A-Za-z0-9-]+");

    public DeploymentSettings {
        LogRetention.of(logRetentionDays);
    }

    /** Settings without mail (every caller from before it). */
    public DeploymentSettings(List<String> uploadOrigins, int uploadRetentionDays, int maxBatchSeconds,
                              String imageRegistry, String imageTag, int workerMaxTasks, boolean multiAz,
                              String alarmEmail, String issuerUri, String tokenAudiences, Path repositoryRoot,
                              Stage stage, int logRetentionDays, boolean deletionProtection,
                              String certificateArn, boolean allowPlainHttp) {
        this(uploadOrigins, uploadRetentionDays, maxBatchSeconds, imageRegistry, imageTag, workerMaxTasks, multiAz,
                alarmEmail, issuerUri, tokenAudiences, repositoryRoot, stage, logRetentionDays, deletionProtection,
                certificateArn, allowPlainHttp, null, null);
    }

    public DeploymentSettings withMail(String identity, String from) {
        return new DeploymentSettings(uploadOrigins, uploadRetentionDays, maxBatchSeconds, imageRegistry, imageTag,
                workerMaxTasks, multiAz, alarmEmail, issuerUri, tokenAudiences, repositoryRoot, stage, logRetentionDays,
                deletionProtection, certificateArn, allowPlainHttp, identity, from);
    }

    /** The worker's sender address: the configured one, else one of the identity (a domain) or the identity itself. */
    public String mailSender() {
        if (mailFrom != null) {
            return mailFrom;
        }
        return mailIdentity == null ? null : mailIdentity.contains("@") ? mailIdentity : "bulk-import@" + mailIdentity;
    }

    public static DeploymentSettings defaults() {
        return defaults(Stage.DEV);
    }

    public static DeploymentSettings defaults(Stage stage) {
        return new DeploymentSettings(List.of("https://imports.example.com"), 30, 20, null, "latest", 10, false,
                null, null, null, RepositoryRoot.find(), stage, stage.logRetentionDays(), stage.deletionProtection(), null,
                false, null, null);
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
                Boolean.parseBoolean(orElse(context.text("deletionProtection"), String.valueOf(d.deletionProtection()))),
                context.text("certificateArn"),
                Boolean.parseBoolean(orElse(context.text("allowPlainHttp"), "false")),
                context.text("mailIdentity"),
                context.text("mailFrom"));
    }

    /** The physical names of this stage's resources. */
    public Names names() {
        return new Names(stage);
    }

    public DeploymentSettings withImageRegistry(String registry, String tag) {
        return new DeploymentSettings(uploadOrigins, uploadRetentionDays, maxBatchSeconds, registry, tag,
                workerMaxTasks, multiAz, alarmEmail, issuerUri, tokenAudiences, repositoryRoot, stage, logRetentionDays,
                deletionProtection, certificateArn, allowPlainHttp, mailIdentity, mailFrom);
    }

    public DeploymentSettings withMaxBatchSeconds(int seconds) {
        return new DeploymentSettings(uploadOrigins, uploadRetentionDays, seconds, imageRegistry, imageTag,
                workerMaxTasks, multiAz, alarmEmail, issuerUri, tokenAudiences, repositoryRoot, stage, logRetentionDays,
                deletionProtection, certificateArn, allowPlainHttp, mailIdentity, mailFrom);
    }

    public DeploymentSettings withAlarmEmail(String email) {
        return new DeploymentSettings(uploadOrigins, uploadRetentionDays, maxBatchSeconds, imageRegistry, imageTag,
                workerMaxTasks, multiAz, email, issuerUri, tokenAudiences, repositoryRoot, stage, logRetentionDays,
                deletionProtection, certificateArn, allowPlainHttp, mailIdentity, mailFrom);
    }

    public DeploymentSettings withIssuerUri(String uri) {
        return new DeploymentSettings(uploadOrigins, uploadRetentionDays, maxBatchSeconds, imageRegistry, imageTag,
                workerMaxTasks, multiAz, alarmEmail, uri, tokenAudiences, repositoryRoot, stage, logRetentionDays,
                deletionProtection, certificateArn, allowPlainHttp, mailIdentity, mailFrom);
    }

    public DeploymentSettings withCertificateArn(String arn) {
        return new DeploymentSettings(uploadOrigins, uploadRetentionDays, maxBatchSeconds, imageRegistry, imageTag,
                workerMaxTasks, multiAz, alarmEmail, issuerUri, tokenAudiences, repositoryRoot, stage, logRetentionDays,
                deletionProtection, arn, allowPlainHttp, mailIdentity, mailFrom);
    }

    public DeploymentSettings withAllowPlainHttp(boolean allow) {
        return new DeploymentSettings(uploadOrigins, uploadRetentionDays, maxBatchSeconds, imageRegistry, imageTag,
                workerMaxTasks, multiAz, alarmEmail, issuerUri, tokenAudiences, repositoryRoot, stage, logRetentionDays,
                deletionProtection, certificateArn, allow, mailIdentity, mailFrom);
    }

    /**
     * The certificate of the API's HTTPS listener, or empty for a dev stage that opted out of HTTPS. Every
     * other combination fails synthesis, saying what to pass: a stage never ends up on plain HTTP by omission.
     */
    public Optional<String> apiCertificate() {
        if (certificateArn != null) {
            if (allowPlainHttp) {
                throw new IllegalArgumentException("certificateArn and allowPlainHttp=true exclude each other: drop one");
            }
            if (!ACM_CERTIFICATE.matcher(certificateArn).matches()) {
                throw new IllegalArgumentException("certificateArn must be an ACM certificate's ARN"
                        + " (arn:aws:acm:<region>:<account>:certificate/<id>): " + certificateArn);
            }
            return Optional.of(certificateArn);
        }
        if (allowPlainHttp && stage == Stage.DEV) {
            return Optional.empty();
        }
        if (allowPlainHttp) {
            throw new IllegalArgumentException("allowPlainHttp is for the dev stage only; stage " + stage.id()
                    + " needs -c certificateArn=arn:aws:acm:<region>:<account>:certificate/<id>");
        }
        throw new IllegalArgumentException("stage " + stage.id() + ": the API is served over HTTPS only, so it needs an ACM"
                + " certificate: -c certificateArn=arn:aws:acm:<region>:<account>:certificate/<id> (in the stack's"
                + " region, for the name clients use), or, on the dev stage only, -c allowPlainHttp=true");
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
