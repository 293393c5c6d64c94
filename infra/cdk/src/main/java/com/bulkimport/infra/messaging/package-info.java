/** The event bus, its rules, queues, topics and archive, from infra/event-rules.json. */
package com.bulkimport.infra.messaging;
