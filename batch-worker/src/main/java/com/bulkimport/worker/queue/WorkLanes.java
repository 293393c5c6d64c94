package com.bulkimport.worker.queue;

import com.bulkimport.model.Priority;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The work queues a worker polls, one per priority (docs/architecture.md, "Priority and fairness"), and the order
 * it asks them in. SQS has no priorities, so a job's priority picks its lane and the worker weighs the lanes:
 * with weights 6:3:1 each cycle of ten polls starts six times at the high lane, three times at the normal one and
 * once at the low one (a smooth weighted round-robin, so the starts interleave: H N H H N H L H N H). A poll whose
 * first lane is empty goes on down the lanes by priority, so no lane waits while another has work, and the low
 * lane is never starved: it leads one poll in ten. A lane without a queue is left out.
 */
final class WorkLanes {

    /** A lane: its priority, queue and weight. */
    record Lane(Priority priority, String queueUrl, int weight) {
    }

    private final List<Lane> lanes;
    private final List<Lane> cycle;
    private final AtomicLong polls = new AtomicLong();

    WorkLanes(Map<Priority, String> queues, Map<Priority, Integer> weights) {
        List<Lane> configured = new ArrayList<>();
        for (Priority priority : Priority.values()) {
            String queue = queues.get(priority);
            if (queue != null && !queue.isBlank()) {
                configured.add(new Lane(priority, queue, Math.max(1, weights.getOrDefault(priority, 1))));
            }
        }
        if (configured.isEmpty()) {
            // no queue at all: polls fail and say so, as before lanes (readiness reports it too)
            configured.add(new Lane(Priority.NORMAL, "", 1));
        }
        this.lanes = List.copyOf(configured);
        this.cycle = smoothCycle(lanes);
    }

    /** The lanes by priority, high first. */
    List<Lane> lanes() {
        return lanes;
    }

    /** The next poll's lanes: the one whose turn it is, then the others by priority. */
    List<Lane> nextPoll() {
        return order(polls.getAndIncrement());
    }

    /** The lanes of poll number {@code poll}: deterministic, for the tests and for every poller alike. */
    List<Lane> order(long poll) {
        Lane first = cycle.get((int) Math.floorMod(poll, (long) cycle.size()));
        List<Lane> order = new ArrayList<>(lanes.size());
        order.add(first);
        lanes.stream().filter(lane -> lane != first).forEach(order::add);
        return order;
    }

    /** Nginx's smooth weighted round-robin: each lane leads as often as its weight, spread over the cycle. */
    private static List<Lane> smoothCycle(List<Lane> lanes) {
        int total = lanes.stream().mapToInt(Lane::weight).sum();
        Map<Priority, Integer> current = new EnumMap<>(Priority.class);
        List<Lane> cycle = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            Lane best = null;
            for (Lane lane : lanes) {
                int value = current.merge(lane.priority(), lane.weight(), Integer::sum);
                if (best == null || value > current.get(best.priority())) {
                    best = lane;
                }
            }
            current.merge(best.priority(), -total, Integer::sum);
            cycle.add(best);
        }
        return List.copyOf(cycle);
    }

    /** The lane a message's queue belongs to. */
    Lane of(String queueUrl) {
        return lanes.stream().filter(lane -> lane.queueUrl().equals(queueUrl)).findFirst().orElse(lanes.get(0));
    }

    /** The queue of a priority's lane, or the normal lane's when that lane has none. */
    String queueFor(Priority priority) {
        return lanes.stream().filter(lane -> lane.priority() == priority).findFirst()
                .or(() -> lanes.stream().filter(lane -> lane.priority() == Priority.NORMAL).findFirst())
                .orElse(lanes.get(0)).queueUrl();
    }
}
