package com.bulkimport.worker.queue;

import com.bulkimport.model.Priority;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Where work messages come from.
 *
 * @param workQueueUrl     the normal lane (every job's work when no other lane is configured)
 * @param highWorkQueueUrl the high-priority lane; blank: none (high work then travels in the normal lane)
 * @param lowWorkQueueUrl  the low-priority lane; blank: none
 * @param laneWeights      how often each lane leads a poll: high, normal, low ({@link WorkLanes})
 */
@ConfigurationProperties("bulkimport.sqs")
public record SqsProperties(String endpoint, String workQueueUrl, String deadLetterQueueUrl, String highWorkQueueUrl,
                            String lowWorkQueueUrl, @DefaultValue({"6", "3", "1"}) List<Integer> laneWeights) {

    public SqsProperties {
        laneWeights = laneWeights == null || laneWeights.size() != 3 ? List.of(6, 3, 1) : List.copyOf(laneWeights);
    }

    WorkLanes lanes() {
        Map<Priority, String> queues = new EnumMap<>(Priority.class);
        queues.put(Priority.HIGH, highWorkQueueUrl);
        queues.put(Priority.NORMAL, workQueueUrl);
        queues.put(Priority.LOW, lowWorkQueueUrl);
        Map<Priority, Integer> weights = new EnumMap<>(Priority.class);
        weights.put(Priority.HIGH, laneWeights.get(0));
        weights.put(Priority.NORMAL, laneWeights.get(1));
        weights.put(Priority.LOW, laneWeights.get(2));
        return new WorkLanes(queues, weights);
    }
}
