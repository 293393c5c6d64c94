/** Webhook deliveries: due deliveries claimed, signed (Standard Webhooks), posted, retried and recorded. */
package com.bulkimport.worker.webhook;
