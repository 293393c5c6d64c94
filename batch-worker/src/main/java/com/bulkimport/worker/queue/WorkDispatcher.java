package com.bulkimport.worker.queue;

import com.bulkimport.model.event.EventEnvelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Routes an event to the handler of its type; events nobody handles are acknowledged and logged. */
@Component
public class WorkDispatcher {

    private static final Logger log = LoggerFactory.getLogger(WorkDispatcher.class);

    private final Map<String, WorkHandler> handlers;

    WorkDispatcher(List<WorkHandler> handlers) {
        this.handlers = handlers.stream().collect(Collectors.toMap(h -> h.handles().name(), Function.identity()));
    }

    public void dispatch(EventEnvelope event) {
        WorkHandler handler = handlers.get(event.eventType());
        if (handler == null) {
            log.info("ignoring {} {}: no handler for it here", event.eventType(), event.eventId());
            return;
        }
        handler.handle(event);
    }
}
