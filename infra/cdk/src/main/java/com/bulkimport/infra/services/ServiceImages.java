package com.bulkimport.infra.services;

import software.amazon.awscdk.IgnoreMode;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecs.AssetImageProps;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.constructs.Construct;

import java.nio.file.Path;
import java.util.List;

/**
 * Where each service's image comes from. By default the service's own Dockerfile, built by
 * {@code cdk deploy} (synth only hashes the files, so it needs no Docker); with a registry prefix,
 * prebuilt images from it (ECR repositories get pull rights granted to the task).
 */
public final class ServiceImages {

    /** Only these reach the build: the Dockerfile and the executable jar Maven built (mvn package first). */
    static final List<String> BUILD_CONTEXT_EXCLUDES = List.of("**", "!Dockerfile", "!target/*-exec.jar");

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

    /** @param service the module folder, which is also the image name: import-api, outbox-relay, batch-worker */
    public ContainerImage image(String service) {
        if (registry == null) {
            return ContainerImage.fromAsset(repositoryRoot.resolve(service).toString(), AssetImageProps.builder()
                    .exclude(BUILD_CONTEXT_EXCLUDES).ignoreMode(IgnoreMode.DOCKER).build());
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
