package com.bulkimport.relay.publish;

import com.bulkimport.relay.outbox.OutboxMessage;

import java.util.List;

/**
 * A transport for outbox messages. Implementations batch as their service allows and report an
 * outcome for every message; they never throw for a single message's failure.
 */
public interface Publisher {

    /** @return one outcome per message, in any order */
    List<PublishOutcome> publish(List<OutboxMessage> messages);

    String name();
}
