package com.bulkimport.relay.outbox;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Where a claim's walk along the pending index starts (docs/architecture.md, "Claim floors"). A row the relay marks
 * published leaves a dead entry in the partial index {@code outbox_events_pending_seq} until a vacuum, and the
 * entry is not even skipped cheaply while any transaction older than the update runs (an apply transaction
 * holds the horizon for seconds): each claim from the start of the index walked every row published since, 1,190
 * buffers and 21 ms for 100 rows after only 3,430 were published. So while a backlog lasts, a claim starts at the
 * lowest seq the previous full claim of its lane locked.
 *
 * <p>A row below the floor is not lost: a claim that found fewer rows than it asked for (the visible backlog
 * ended) and any claim a {@code rescan} after the floor was set walk from the start again. Only rows committed late
 * with an older seq, or locked by another relay and let go, can wait that long.
 */
final class ClaimFloors {

    private record Floor(long seq, long setAt) {
    }

    private final long rescanNanos;
    private final LongSupplier clock;
    private final Map<String, Floor> floors = new ConcurrentHashMap<>();

    ClaimFloors(Duration rescan) {
        this(rescan, System::nanoTime);
    }

    ClaimFloors(Duration rescan, LongSupplier nanoClock) {
        this.rescanNanos = rescan.toNanos();
        this.clock = nanoClock;
    }

    /** The seq a claim of this lane starts at: 0 (the whole index) without a floor, or once it is a rescan old. */
    long from(String lane) {
        Floor floor = floors.get(lane);
        if (floor == null || clock.getAsLong() - floor.setAt() >= rescanNanos) {
            return 0;
        }
        return floor.seq();
    }

    /**
     * What a claim of this lane found.
     *
     * @param from   where it started
     * @param locked the rows it locked
     * @param limit  the rows it asked for
     * @param lowest the lowest seq it locked (any value when it locked none)
     */
    void after(String lane, long from, int locked, int limit, long lowest) {
        if (locked < limit) {
            floors.remove(lane);
        } else if (from == 0) {
            floors.put(lane, new Floor(lowest, clock.getAsLong()));
        } else {
            // the rescan counts from the last walk from the start
            floors.computeIfPresent(lane, (key, floor) -> new Floor(Math.max(floor.seq(), lowest), floor.setAt()));
        }
    }
}
