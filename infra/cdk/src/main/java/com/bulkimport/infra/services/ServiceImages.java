package com.bulkimport.infra.services;

import software.amazon.awscdk.IgnoreMode;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecs.AssetImageProps;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.constructs.Construct;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where each service's image comes from. By default the repository's one Dockerfile with the service as its
 * {@code SERVICE} argument, built by {@code cdk deploy} (synth only hashes the files, so it needs no Docker);
 * with a registry prefix, prebuilt images from it (ECR repositories get pull rights granted to the task).
 */
public final class ServiceImages {

    /**
     * Only these reach a service's build: the Dockerfile and that service's executable jar (mvn package first).
     * The other services' jars stay out, so a change to one service changes only its own image's hash and
     * redeploys only that service.
     */
    static List<String> buildContextExcludes(String service) {
        return List.of("**", "!Dockerfile", "!" + service + "/target/*-exec.jar");
    }

    private final Construct scope;
    private final Path repositoryRoot;
    private final String registry;
    private final String tag;

    public ServiceImages(Construct scope, Path repositoryRoot, String registry, String tag) {
        this.scope = scope;
        this.repositoryRoot = repositoryRoot;
        this.registry = registry;
        this.tag = tag;
    }

    /** @param service the Dockerfile's SERVICE, the module folder and the image name: import-api, outbox-relay, batch-worker */
    public ContainerImage image(String service) {
        if (registry == null) {
            return ContainerImage.fromAsset(repositoryRoot.toString(), AssetImageProps.builder()
                    .buildArgs(Map.of("SERVICE", service))
                    .exclude(buildContextExcludes(service)).ignoreMode(IgnoreMode.DOCKER).build());
        }
        int ecr = registry.indexOf(".dkr.ecr.");
        if (ecr > 0) {
            String repositoryName = registry.substring(registry.indexOf('/') + 1) + "/" + service;
            return ContainerImage.fromEcrRepository(
                    Repository.fromRepositoryName(scope, "Repository-" + service, repositoryName), tag);
        }
        return ContainerImage.fromRegistry(registry + "/" + service + ":" + tag);
    }
}
