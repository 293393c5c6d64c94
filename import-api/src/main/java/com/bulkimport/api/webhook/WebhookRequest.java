package com.bulkimport.api.webhook;

import com.bulkimport.support.outbound.OutboundTargets;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * Body of a create ({@code url} and {@code event_types} required) and of a {@code PATCH} (a field left out
 * keeps its value).
 */
record WebhookRequest(
        @Schema(description = "the https URL events are posted to", format = "uri",
                maxLength = OutboundTargets.MAX_URL_LENGTH) String url,
        @ArraySchema(maxItems = EventPatterns.MAX, schema = @Schema(description = "an event type, PREFIX_* or *",
                pattern = EventPatterns.SHAPE_TEXT, maxLength = EventPatterns.MAX_PATTERN_LENGTH))
        List<String> eventTypes,
        @Schema(maxLength = WebhookService.MAX_DESCRIPTION) String description,
        Boolean enabled) {
}
