package com.bulkimport.infra;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.cxapi.CloudAssembly;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cdk synth} needs neither Docker nor the network: the cloud assembly (template plus asset
 * manifest) is written here, offline, and names one image per service, built from the one Dockerfile
 * with the service as its {@code SERVICE} argument at deploy time.
 */
class SynthOfflineUnitTest {

    @Test
    void theAssemblyListsTheThreeServiceImagesBuiltFromTheDockerfile() {
        BulkImportStack stack = SynthesizedStack.stack();
        CloudAssembly assembly = ((App) stack.getNode().getRoot()).synth();
        Path dir = Path.of(assembly.getDirectory());
        JsonNode assets = JsonMapper.builder().build().readTree(dir.resolve("Test.assets.json").toFile());
        List<String> images = new ArrayList<>();
        for (JsonNode image : assets.get("dockerImages")) {
            JsonNode source = image.get("source");
            // the build context is the checkout's root (asset staging is off in the tests), with its one Dockerfile
            assertThat(dir.resolve(source.get("directory").asString()).normalize())
                    .isEqualTo(DeploymentSettings.defaults().repositoryRoot().normalize());
            images.add(source.path("dockerFile").asString("Dockerfile") + " SERVICE="
                    + source.path("dockerBuildArgs").path("SERVICE").asString());
        }
        assertThat(images).containsExactlyInAnyOrder("Dockerfile SERVICE=import-api", "Dockerfile SERVICE=outbox-relay",
                "Dockerfile SERVICE=batch-worker");
        assertThat(dir.resolve("Test.template.json")).isRegularFile();
    }
}
