package com.bulkimport.bench;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Samples the worker's heap through its actuator while a benchmark runs; keeps the maxima. */
final class HeapWatcher implements AutoCloseable {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile double maxUsed;
    private volatile double maxLive;

    HeapWatcher(int port) {
        this.base = "http://127.0.0.1:" + port + "/actuator/metrics/";
        this.thread = new Thread(this::run, "heap-watcher");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        JsonMapper json = JsonMapper.builder().build();
        while (running) {
            maxUsed = Math.max(maxUsed, read(json, "jvm.memory.used?tag=area:heap"));
            maxLive = Math.max(maxLive, read(json, "jvm.gc.live.data.size"));
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private double read(JsonMapper json, String metric) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + metric))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return 0;
            }
            JsonNode root = json.readTree(response.body());
            return root.path("measurements").get(0).path("value").asDouble();
        } catch (Exception e) {
            return 0;
        }
    }

    double maxUsedMb() {
        return maxUsed / (1024 * 1024);
    }

    double maxLiveMb() {
        return maxLive / (1024 * 1024);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
