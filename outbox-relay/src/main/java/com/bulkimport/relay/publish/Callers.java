package com.bulkimport.relay.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/** Daemon threads that make a transport's calls in parallel; they never keep the JVM alive. */
final class Callers {

    private Callers() {
    }

    /** @param threads the calls a round may have in flight besides its own thread's ({@link #makeAll}); at least 1 */
    static ExecutorService pool(String name, int threads) {
        return Executors.newFixedThreadPool(Math.max(1, threads), runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Makes a round's calls, the first on the calling thread and the others on {@code pool} meanwhile, and returns
     * all their outcomes. Most rounds of a relay that keeps up are one call: handing it to another thread and waiting
     * for it to come back would add two thread wake-ups to every event's latency, and on a busy machine each waits
     * for a free processor (bench/relay).
     */
    static <T> List<T> makeAll(List<Supplier<List<T>>> calls, ExecutorService pool) {
        List<T> outcomes = new ArrayList<>();
        if (calls.isEmpty()) {
            return outcomes;
        }
        List<CompletableFuture<List<T>>> others = calls.subList(1, calls.size()).stream()
                .map(call -> CompletableFuture.supplyAsync(call, pool)).toList();
        outcomes.addAll(calls.get(0).get());
        others.forEach(call -> outcomes.addAll(call.join()));
        return outcomes;
    }
}
