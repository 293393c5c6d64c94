package com.bulkimport.relay.publish;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Daemon threads that make a transport's calls in parallel; they never keep the JVM alive. */
final class Callers {

    private Callers() {
    }

    static ExecutorService pool(String name, int threads) {
        return Executors.newFixedThreadPool(Math.max(1, threads), runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
