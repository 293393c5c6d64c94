package com.bulkimport.worker.queue;

import com.bulkimport.model.Priority;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The order the worker asks its lanes in: weighted, interleaved, every lane asked every poll, low never starved. */
class WorkLanesUnitTest {

    private static WorkLanes lanes(String high, String normal, String low, int... weights) {
        Map<Priority, String> queues = new EnumMap<>(Priority.class);
        queues.put(Priority.HIGH, high);
        queues.put(Priority.NORMAL, normal);
        queues.put(Priority.LOW, low);
        Map<Priority, Integer> w = new EnumMap<>(Priority.class);
        w.put(Priority.HIGH, weights[0]);
        w.put(Priority.NORMAL, weights[1]);
        w.put(Priority.LOW, weights[2]);
        return new WorkLanes(queues, w);
    }

    private static String leader(WorkLanes lanes, long poll) {
        return lanes.order(poll).get(0).priority().wireName().substring(0, 1).toUpperCase();
    }

    @Test
    void sixThreeOneLeadsTenPollsInAnInterleavedCycleThatRepeats() {
        WorkLanes lanes = lanes("h", "n", "l", 6, 3, 1);

        String cycle = IntStream.range(0, 10).mapToObj(poll -> leader(lanes, poll)).reduce("", String::concat);
        assertThat(cycle).isEqualTo("HNHHNHLHNH");
        String next = IntStream.range(10, 20).mapToObj(poll -> leader(lanes, poll)).reduce("", String::concat);
        assertThat(next).isEqualTo(cycle);
        // the low lane leads one poll in ten, however much high and normal work waits
        assertThat(IntStream.range(0, 1_000).filter(poll -> leader(lanes, poll).equals("L")).count()).isEqualTo(100);
    }

    @Test
    void aPollAsksTheLeadingLaneFirstThenTheOthersByPriority() {
        WorkLanes lanes = lanes("h", "n", "l", 6, 3, 1);

        assertThat(lanes.order(0)).extracting(WorkLanes.Lane::queueUrl).containsExactly("h", "n", "l");
        assertThat(lanes.order(1)).extracting(WorkLanes.Lane::queueUrl).containsExactly("n", "h", "l");
        assertThat(lanes.order(6)).extracting(WorkLanes.Lane::queueUrl).containsExactly("l", "h", "n");
        assertThat(lanes.nextPoll()).isEqualTo(lanes.order(0));
        assertThat(lanes.nextPoll()).isEqualTo(lanes.order(1));
    }

    @Test
    void lanesWithoutAQueueAreLeftOutAndTheirWorkGoesBackToTheNormalLane() {
        WorkLanes onlyNormal = lanes("", "n", null, 6, 3, 1);

        assertThat(onlyNormal.lanes()).extracting(WorkLanes.Lane::queueUrl).containsExactly("n");
        assertThat(onlyNormal.order(7)).extracting(WorkLanes.Lane::queueUrl).containsExactly("n");
        assertThat(onlyNormal.queueFor(Priority.HIGH)).isEqualTo("n");
        assertThat(lanes("h", "n", "l", 6, 3, 1).queueFor(Priority.LOW)).isEqualTo("l");
        assertThat(lanes("h", "n", "l", 6, 3, 1).of("l").priority()).isEqualTo(Priority.LOW);
        assertThat(List.of(lanes("h", "n", "", 1, 1, 1).order(0).get(0).queueUrl(),
                lanes("h", "n", "", 1, 1, 1).order(1).get(0).queueUrl())).containsExactly("h", "n");
    }
}
