package com.bulkimport.api.webhook;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The endpoint and its signing secret ({@code whsec_…}): shown this once, never again. */
record CreatedWebhook(@JsonUnwrapped WebhookView webhook, String secret) {
}
