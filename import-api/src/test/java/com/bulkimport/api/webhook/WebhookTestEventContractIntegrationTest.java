package com.bulkimport.api.webhook;

import com.bulkimport.api.ApiIntegrationTest;
import com.bulkimport.api.support.Fixtures;
import com.bulkimport.api.support.TestUser;
import com.networknt.schema.Error;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one event import-api writes outside the outbox, a webhook's test event, as the endpoint receives it, fits
 * its schema in docs/asyncapi.yaml (the worker's contract test covers every outbox event).
 */
class WebhookTestEventContractIntegrationTest extends ApiIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theTestEventADeliveryCarriesFitsItsMessageSchema() throws Exception {
        TestUser owner = TestUser.named("walt-" + UUID.randomUUID(), "hooli-" + UUID.randomUUID());
        String id = http(owner).postJson("/api/webhooks", Map.of("url", Fixtures.WEBHOOK_URL, "event_types", List.of("*")))
                .json().path("id").asString();
        String delivery = http(owner).postJson("/api/webhooks/" + id + "/test", "").json().path("id").asString();
        JsonNode sent = JSON.readTree(jdbc.sql("SELECT payload::text FROM webhook_deliveries WHERE id = :id")
                .param("id", UUID.fromString(delivery)).query(String.class).single());

        assertThat(sent.path("event_type").asString()).isEqualTo("WEBHOOK_TEST");
        assertThat(sent.at("/payload/webhook_id").asString()).isEqualTo(id);
        assertThat(sent.at("/payload/tenant").asString()).isEqualTo(owner.tenant());
        assertThat(sent.path("trace_id").asString()).matches("[0-9a-f]{32}");
        assertThat(violations("WebhookTestEvent", sent)).isEmpty();

        // the schema is no rubber stamp: a test event without its endpoint does not fit
        ((ObjectNode) sent.get("payload")).remove("webhook_id");
        assertThat(violations("WebhookTestEvent", sent)).anySatisfy(v -> assertThat(v).contains("webhook_id"));
    }

    private static List<String> violations(String schema, JsonNode event) throws Exception {
        JsonNode document = YAMLMapper.builder().build().readTree(Files.readString(Path.of("..", "docs", "asyncapi.yaml")));
        ObjectNode root = JSON.createObjectNode();
        root.put("$ref", "#/components/schemas/" + schema);
        root.set("components", document.get("components"));
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(SchemaLocation.of("urn:bulk-import:asyncapi"), root)
                .validate(event).stream().map(Error::toString).toList();
    }
}
