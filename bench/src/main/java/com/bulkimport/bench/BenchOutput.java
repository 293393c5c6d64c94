package com.bulkimport.bench;

import java.io.PrintStream;

/**
 * A benchmark's stdout carries one JSON line, last. Everything else (the embedded servers' own
 * logging, which writes to System.out from threads of its own, sometimes after the result) goes to
 * stderr: {@link #reserve()} swaps System.out for System.err and keeps the real stdout for the result.
 */
final class BenchOutput {

    private static PrintStream result;

    private BenchOutput() {
    }

    /** First thing in a benchmark's main, before any server starts logging. */
    static synchronized void reserve() {
        if (result == null) {
            result = System.out;
            System.setOut(System.err);
        }
    }

    /** The benchmark's JSON line, on the real stdout. */
    static synchronized void printResult(String json) {
        reserve();
        result.println(json);
        result.flush();
    }
}
