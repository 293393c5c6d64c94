/** A tenant's webhook endpoints, their signing secrets and their delivery log ({@code /api/webhooks}). */
package com.bulkimport.api.webhook;
