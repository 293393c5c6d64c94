package com.bulkimport.worker.queue;

import com.bulkimport.local.embedded.LocalInfra;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One worker JVM at work and spares standing by, for a test that kills the worker again and again.
 * A JVM takes seconds to start, so spares start while earlier workers run. A worker is only let loose
 * once the spare after it is up: a kill is followed at once by the next worker, never by a wait that
 * the work could outrun while the test still has kills to make.
 */
final class KillableWorkers implements AutoCloseable {

    private static final long STARTUP_MINUTES = 2;

    private final LocalInfra infra;
    private final Map<String, String> settings;
    private final File log;
    private final Deque<CompletableFuture<ChildWorker>> spares = new ArrayDeque<>();
    private ChildWorker working;

    private KillableWorkers(LocalInfra infra, Map<String, String> settings, File log) {
        this.infra = infra;
        this.settings = settings;
        this.log = log;
    }

    static KillableWorkers start(LocalInfra infra, Map<String, String> settings, File log) throws Exception {
        ChildWorker.shareClasses(infra, settings, log);
        KillableWorkers workers = new KillableWorkers(infra, settings, log);
        workers.spares.add(workers.standBy());
        workers.letLoose(ChildWorker.standBy(infra, settings, log));
        return workers;
    }

    /** SIGKILLs the worker at work; the first spare takes over. */
    void killAndReplace() throws Exception {
        working.kill();
        letLoose(spares.removeFirst().get(STARTUP_MINUTES, TimeUnit.MINUTES));
    }

    private void letLoose(ChildWorker next) throws Exception {
        spares.getFirst().get(STARTUP_MINUTES, TimeUnit.MINUTES);
        next.activate();
        working = next;
        spares.addLast(standBy());
    }

    private CompletableFuture<ChildWorker> standBy() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return ChildWorker.standBy(infra, settings, log);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public void close() throws Exception {
        if (working != null) {
            working.kill();
        }
        for (CompletableFuture<ChildWorker> spare : spares) {
            spare.get(STARTUP_MINUTES, TimeUnit.MINUTES).kill();
        }
    }
}
