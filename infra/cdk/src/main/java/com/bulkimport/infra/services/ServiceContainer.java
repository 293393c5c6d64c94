package com.bulkimport.infra.services;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One service's task definition and main container, built the same way for all three: the
 * health check asks the management port for liveness (the same probe the Dockerfile's
 * HEALTHCHECK uses), and logs go to a log group of the service's name.
 *
 * @param name           the service, also the container name and, with the stage, the task family and log group
 * @param ports          container ports; the last one is the management port
 * @param cpu            Fargate CPU units
 * @param memoryMiB      Fargate memory
 */
public record ServiceContainer(String name, List<Integer> ports, int cpu, int memoryMiB) {

    int managementPort() {
        return ports.get(ports.size() - 1);
    }

    /** The definition, with its container added; the caller adds sidecars and grants. */
    FargateTaskDefinition define(Construct scope, ContainerImage image, Map<String, String> environment,
                                 ServiceContext context) {
        return define(scope, image, environment, context, Map.of());
    }

    /** @param moreSecrets injected by ECS beside the database's credentials, never in the task definition */
    FargateTaskDefinition define(Construct scope, ContainerImage image, Map<String, String> environment,
                                 ServiceContext context, Map<String, Secret> moreSecrets) {
        Map<String, Secret> secrets = new LinkedHashMap<>(context.databaseCredentials());
        secrets.putAll(moreSecrets);
        FargateTaskDefinition task = FargateTaskDefinition.Builder.create(scope, "Task")
                .family(context.names().of(name))
                .cpu(cpu)
                .memoryLimitMiB(memoryMiB)
                .runtimePlatform(RuntimePlatform.builder().cpuArchitecture(CpuArchitecture.X86_64)
                        .operatingSystemFamily(OperatingSystemFamily.LINUX).build())
                .build();
        LogGroup logs = LogGroup.Builder.create(scope, "Logs").logGroupName(context.names().logGroup(name))
                .retention(context.logRetention()).removalPolicy(RemovalPolicy.DESTROY).build();
        // the image sets JAVA_TOOL_OPTIONS (heap from the task's memory), so the environment is the service's own
        Map<String, String> env = new LinkedHashMap<>(environment);
        List<PortMapping> mappings = new ArrayList<>();
        for (int port : ports) {
            mappings.add(PortMapping.builder().containerPort(port).name(name + "-" + port).build());
        }
        task.addContainer(name, ContainerDefinitionOptions.builder()
                .image(image)
                .containerName(name)
                .essential(true)
                .environment(env)
                .secrets(secrets)
                .portMappings(mappings)
                .healthCheck(HealthCheck.builder()
                        .command(List.of("CMD-SHELL",
                                "curl -fsS http://localhost:" + managementPort() + "/actuator/health/liveness || exit 1"))
                        .interval(Duration.seconds(15)).timeout(Duration.seconds(5)).retries(3)
                        .startPeriod(Duration.seconds(60)).build())
                // Fargate's longest grace: a worker finishes (or abandons to redelivery) its batch
                .stopTimeout(Duration.seconds(120))
                .logging(LogDriver.awsLogs(AwsLogDriverProps.builder().logGroup(logs).streamPrefix(name).build()))
                .build());
        return task;
    }
}
