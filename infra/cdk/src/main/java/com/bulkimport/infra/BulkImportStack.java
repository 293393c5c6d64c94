package com.bulkimport.infra;

import com.bulkimport.infra.alarms.Alarms;
import com.bulkimport.infra.database.Database;
import com.bulkimport.infra.messaging.EventRouting;
import com.bulkimport.infra.messaging.Messaging;
import com.bulkimport.infra.network.Network;
import com.bulkimport.infra.services.ApiService;
import com.bulkimport.infra.services.RelayService;
import com.bulkimport.infra.services.ServiceContext;
import com.bulkimport.infra.services.ServiceImages;
import com.bulkimport.infra.services.WorkerService;
import com.bulkimport.infra.signin.TenantAttributeGuard;
import com.bulkimport.infra.storage.ImagesBucket;
import com.bulkimport.infra.storage.UploadBucket;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ecs.CloudMapNamespaceOptions;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.servicediscovery.NamespaceType;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.constructs.Construct;

import java.util.Optional;

/**
 * bulk-import on AWS: VPC, RDS PostgreSQL, the event bus and work queues (from the shared rule
 * file), the upload bucket, the three services on ECS Fargate, and the alarms.
 */
public class BulkImportStack extends Stack {

    private final Messaging messaging;
    private final UploadBucket uploads;
    private final Database database;
    private final ApiService api;
    private final RelayService relay;
    private final WorkerService worker;

    public BulkImportStack(Construct scope, String id, StackProps props, DeploymentSettings settings) {
        super(scope, id, props);
        // a protected stage (staging, prod) cannot be deleted by accident, nor can its database
        setTerminationProtection(settings.deletionProtection());
        Names names = settings.names();
        Network network = new Network(this, "Network");
        database = new Database(this, "Database", network.vpc(), settings.multiAz(), names, settings.deletionProtection());
        // events stay replayable as long as the stage keeps its logs
        messaging = new Messaging(this, "Messaging", EventRouting.load(), settings.maxBatchSeconds(), names,
                settings.logRetentionDays());
        uploads = new UploadBucket(this, "Uploads", settings.uploadOrigins(), settings.uploadRetentionDays());

        Cluster cluster = Cluster.Builder.create(this, "Cluster").clusterName(names.of("bulk-import")).vpc(network.vpc())
                .containerInsightsV2(ContainerInsights.ENABLED)
                .defaultCloudMapNamespace(CloudMapNamespaceOptions.builder().name(names.namespace())
                        .type(NamespaceType.DNS_PRIVATE).vpc(network.vpc()).build())
                .build();
        ServiceContext context = new ServiceContext(cluster, database, messaging, uploads,
                new ServiceImages(this, settings.repositoryRoot(), settings.imageRegistry(), settings.imageTag()),
                names, LogRetention.of(settings.logRetentionDays()), new ImagesBucket(this, "ProductImages"));
        if (settings.issuerUri() == null) {
            // import-api refuses to start without an issuer: better said at synth than by a deployment never healthy
            Annotations.of(this).addWarningV2("bulk-import:no-issuer", "no issuerUri in the context: import-api"
                    + " does not start without a token issuer (cdk deploy -c issuerUri=https://...)");
        }
        Optional<String> certificate = settings.apiCertificate();
        api = new ApiService(this, "Api", context, settings.signInEnvironment(), certificate);
        relay = new RelayService(this, "Relay", context, settings.signInEnvironment());
        worker = new WorkerService(this, "Worker", context, settings.workerMaxTasks(), settings.signInEnvironment(),
                settings.mailIdentity(), settings.mailSender(), settings.uploadOrigins().get(0));
        api.reachAdminEndpointsOf(relay, worker);
        // with a Cognito issuer, a deployment whose app clients let users write custom:tenant fails
        TenantAttributeGuard.protect(this, settings.issuerUri(), settings.tokenAudiences());

        Alarms alarms = new Alarms(this, "Alarms", names, settings.alarmEmail());
        alarms.openDeadLetters();
        alarms.deadLetters(messaging.deadLetterQueue("work"));
        alarms.outboxLag();
        alarms.api5xx(api.service().getLoadBalancer());

        CfnOutput.Builder.create(this, "ApiUrl")
                .description("import-api (web UI and /api/imports); point the certificate's name at this host")
                .value((certificate.isPresent() ? "https://" : "http://")
                        + api.service().getLoadBalancer().getLoadBalancerDnsName()).build();
        CfnOutput.Builder.create(this, "UploadBucketName").value(uploads.bucket().getBucketName()).build();
        CfnOutput.Builder.create(this, "ImagesBucketName").value(context.productImages().bucket().getBucketName()).build();
        CfnOutput.Builder.create(this, "DatabaseSecretArn").description("username and password of PostgreSQL")
                .value(database.instance().getSecret().getSecretArn()).build();
        CfnOutput.Builder.create(this, "WorkDeadLetterQueueUrl")
                .value(messaging.deadLetterQueue("work").getQueueUrl()).build();
    }

    public Messaging messaging() {
        return messaging;
    }

    public UploadBucket uploads() {
        return uploads;
    }

    public Database database() {
        return database;
    }

    public ApiService api() {
        return api;
    }

    public RelayService relay() {
        return relay;
    }

    public WorkerService worker() {
        return worker;
    }
}
