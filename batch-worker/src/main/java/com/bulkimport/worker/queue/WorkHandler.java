package com.bulkimport.worker.queue;

import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventType;

/**
 * Handles one event type. A handler commits its effects and its inbox row together, so handling
 * the same event twice changes nothing; it throws to have the message delivered again later.
 */
public interface WorkHandler {

    EventType handles();

    void handle(EventEnvelope event);
}
