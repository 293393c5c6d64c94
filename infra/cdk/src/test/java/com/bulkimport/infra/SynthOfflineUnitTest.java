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
 * manifest) is written here, offline, and names one image per service, built from its Dockerfile
 * at deploy time.
 */
class SynthOfflineUnitTest {

    @Test
    void theAssemblyListsTheThreeServiceImagesBuiltFromTheirDockerfiles() {
        BulkImportStack stack = SynthesizedStack.stack();
        CloudAssembly assembly = ((App) stack.getNode().getRoot()).synth();
        Path dir = Path.of(assembly.getDirectory());
        JsonNode assets = JsonMapper.builder().build().readTree(dir.resolve("Test.assets.json").toFile());
        List<String> images = new ArrayList<>();
        for (JsonNode image : assets.get("dockerImages")) {
            JsonNode source = image.get("source");
            images.add(Path.of(source.get("directory").asString()).getFileName() + " " + source.path("dockerFile").asString("Dockerfile"));
        }
        assertThat(images).containsExactlyInAnyOrder("import-api Dockerfile", "outbox-relay Dockerfile", "batch-worker Dockerfile");
        assertThat(dir.resolve("Test.template.json")).isRegularFile();
    }
}
