package com.bulkimport.infra.services;

import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;

/**
 * outbox-relay: two tasks, so publishing goes on while one is replaced or lost; they share the work
 * through {@code FOR UPDATE SKIP LOCKED}. A sidecar exports the outbox gauges to CloudWatch.
 */
public class RelayService extends Construct {

    public static final ServiceContainer CONTAINER = new ServiceContainer("outbox-relay", List.of(8082, 9082), 512, 1024);
    public static final int TASKS = 2;
    /** What the outbox alarms read, as the relay names them in Prometheus. */
    public static final List<String> EXPORTED_METRICS = List.of("bulkimport_outbox_lag_seconds", "bulkimport_outbox_pending");

    private final FargateService service;

    public RelayService(Construct scope, String id, ServiceContext context, Map<String, String> signIn) {
        super(scope, id);
        IEventBus bus = context.messaging().bus();
        Map<String, String> env = context.commonEnvironment();
        env.put("PORT", "8082");
        // Actuator: the health check and the metrics sidecar, in the task; no security group rule lets anyone in
        env.put("MANAGEMENT_PORT", "9082");
        env.put("RELAY_TRANSPORT", "eventbridge");
        env.put("EVENT_BUS_NAME", bus.getEventBusName());
        env.putAll(signIn);
        FargateTaskDefinition task = CONTAINER.define(this, context.images().image(CONTAINER.name()), env,
                context);
        // PutEvents on its own bus and nothing else
        task.addToTaskRolePolicy(PolicyStatement.Builder.create().sid("PublishToBus")
                .actions(List.of("events:PutEvents"))
                .resources(List.of(bus.getEventBusArn())).build());
        MetricsSidecar.attach(this, task, context, CONTAINER.name(), CONTAINER.managementPort(), EXPORTED_METRICS);
        service = FargateService.Builder.create(this, "Service")
                .cluster(context.cluster())
                .serviceName(context.names().of(CONTAINER.name()))
                .taskDefinition(task)
                .desiredCount(TASKS)
                // replace one relay at a time, so one is always publishing
                .minHealthyPercent(50)
                .maxHealthyPercent(200)
                .circuitBreaker(DeploymentCircuitBreaker.builder().enable(true).rollback(true).build())
                .cloudMapOptions(ServiceContext.discoverableAs(CONTAINER.name()))
                .build();
        context.database().allowFrom(service, "outbox-relay");
    }

    public FargateService service() {
        return service;
    }
}
