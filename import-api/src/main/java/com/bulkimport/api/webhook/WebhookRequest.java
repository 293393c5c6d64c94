package com.bulkimport.api.webhook;

import java.util.List;

/**
 * Body of a create ({@code url} and {@code event_types} required) and of a {@code PATCH} (a field left out
 * keeps its value).
 */
record WebhookRequest(String url, List<String> eventTypes, String description, Boolean enabled) {
}
