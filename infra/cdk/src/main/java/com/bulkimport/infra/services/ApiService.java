package com.bulkimport.infra.services;

import com.bulkimport.infra.storage.UploadBucket;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.patterns.ApplicationLoadBalancedFargateService;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck;
import software.amazon.awscdk.services.elasticloadbalancingv2.SslPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * import-api behind a public ALB. Only the API port (8080) is routed; the management port (8081)
 * answers the ALB's readiness checks and is never reachable from outside. The ALB serves HTTPS with the
 * deployment's certificate, redirects port 80 there, and adds HSTS (the tasks see plain HTTP from it).
 */
public class ApiService extends Construct {

    public static final ServiceContainer CONTAINER = new ServiceContainer("import-api", List.of(8080, 8081), 1024, 2048);
    /** Sent by the ALB on every HTTPS answer: browsers use nothing but HTTPS for the name for a year. */
    public static final String HSTS = "max-age=31536000; includeSubDomains";

    private final ApplicationLoadBalancedFargateService service;

    /** @param certificateArn the HTTPS listener's ACM certificate; empty: plain HTTP on port 80 (dev only) */
    public ApiService(Construct scope, String id, ServiceContext context, Map<String, String> signIn,
                      Optional<String> certificateArn) {
        super(scope, id);
        Map<String, String> env = context.commonEnvironment();
        env.put("PORT", "8080");
        env.put("MANAGEMENT_PORT", "8081");
        env.put("UPLOAD_BUCKET", context.uploads().bucket().getBucketName());
        env.put("IMAGES_BUCKET", context.productImages().bucket().getBucketName());
        env.putAll(signIn);
        // the web UI's admin pages reach the relay and the worker through the API, inside the VPC
        env.put("RELAY_ADMIN_URL", context.internalUrl(RelayService.CONTAINER));
        env.put("WORKER_ADMIN_URL", context.internalUrl(WorkerService.CONTAINER));
        FargateTaskDefinition task = CONTAINER.define(this, context.images().image(CONTAINER.name()), env,
                context, context.database().sealingKey());
        grant(task, context.uploads());
        // the read API signs GET links to product images: read only, images only
        task.addToTaskRolePolicy(software.amazon.awscdk.services.iam.PolicyStatement.Builder.create()
                .sid("LinkProductImages").actions(List.of("s3:GetObject"))
                .resources(List.of(context.productImages().imagesArn())).build());
        ApplicationLoadBalancedFargateService.Builder builder = ApplicationLoadBalancedFargateService.Builder.create(this, "Service");
        certificateArn.ifPresentOrElse(arn -> builder
                        .certificate(Certificate.fromCertificateArn(this, "Certificate", arn))
                        .protocol(ApplicationProtocol.HTTPS)
                        .listenerPort(443)
                        .sslPolicy(SslPolicy.RECOMMENDED_TLS)
                        // port 80 answers 301 to https://, and nothing else
                        .redirectHttp(true),
                () -> builder.listenerPort(80));
        service = builder
                .cluster(context.cluster())
                .serviceName(context.names().of(CONTAINER.name()))
                .taskDefinition(task)
                .desiredCount(2)
                .publicLoadBalancer(true)
                .minHealthyPercent(100)
                .maxHealthyPercent(200)
                .healthCheckGracePeriod(Duration.seconds(120))
                .circuitBreaker(DeploymentCircuitBreaker.builder().enable(true).rollback(true).build())
                .build();
        service.getTargetGroup().configureHealthCheck(HealthCheck.builder()
                .path("/actuator/health/readiness").port("8081").healthyHttpCodes("200")
                .interval(Duration.seconds(15)).timeout(Duration.seconds(5))
                .healthyThresholdCount(2).unhealthyThresholdCount(3).build());
        if (certificateArn.isPresent()) {
            service.getListener().setAttribute("routing.http.response.strict_transport_security.header_value", HSTS);
        }
        // a stopping task gets its in-flight requests answered before the ALB forgets it
        service.getTargetGroup().setAttribute("deregistration_delay.timeout_seconds", "30");
        service.getService().getConnections().allowFrom(service.getLoadBalancer(), Port.tcp(8081),
                "ALB health checks on the management port");
        context.database().allowFrom(service.getService(), "import-api");
    }

    /**
     * PutObject is what the presigned URLs carry; GetObject covers HEAD (upload check) and the ranged
     * read of the sample; DeleteObject and AbortMultipartUpload remove what a refused upload left (the
     * object, or the parts of a streamed upload), so it leaves nothing, and abort a cancelled job's multipart
     * upload; ListMultipartUploadParts lists what a client's multipart upload holds (its resume, its completion);
     * ListBucket only makes a missing upload a 404 instead of a 403. All but ListBucket on {@code imports/*} only.
     */
    private static void grant(FargateTaskDefinition task, UploadBucket uploads) {
        task.addToTaskRolePolicy(PolicyStatement.Builder.create().sid("PresignAndCheckUploads")
                .actions(List.of("s3:PutObject", "s3:GetObject"))
                .resources(List.of(uploads.importsArn())).build());
        task.addToTaskRolePolicy(PolicyStatement.Builder.create().sid("RemoveRefusedUploads")
                .actions(List.of("s3:DeleteObject", "s3:AbortMultipartUpload"))
                .resources(List.of(uploads.importsArn())).build());
        task.addToTaskRolePolicy(PolicyStatement.Builder.create().sid("ListUploadedParts")
                .actions(List.of("s3:ListMultipartUploadParts"))
                .resources(List.of(uploads.importsArn())).build());
        task.addToTaskRolePolicy(PolicyStatement.Builder.create().sid("MissingUploadIs404")
                .actions(List.of("s3:ListBucket"))
                .resources(List.of(uploads.bucket().getBucketArn())).build());
    }

    /** The API forwards admins' requests to the relay's and the worker's admin endpoints, and nothing else may. */
    public void reachAdminEndpointsOf(RelayService relay, WorkerService worker) {
        relay.service().getConnections().allowFrom(service.getService(), Port.tcp(RelayService.CONTAINER.ports().get(0)),
                "import-api forwards the admin pages to the relay");
        worker.service().getConnections().allowFrom(service.getService(), Port.tcp(WorkerService.CONTAINER.ports().get(0)),
                "import-api forwards the admin pages to the worker");
    }

    public ApplicationLoadBalancedFargateService service() {
        return service;
    }
}
