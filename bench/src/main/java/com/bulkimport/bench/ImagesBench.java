package com.bulkimport.bench;

import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Product imports with images, end to end (upload → COMPLETED): PRODUCTS products with two distinct images each,
 * served by a loopback HTTP server that waits LATENCY_MS before every answer (a CDN far away). Each image is a
 * JPEG of IMAGE_SIZE made from one of 64 scenes with the image's number in a comment segment, so every URL's bytes
 * differ (no two share a stored copy: each is decoded, hashed, resized and written). Then the same number of other
 * products with the worker restarted with the pipeline off, for {@code ratio_vs_without_images}.
 */
public final class ImagesBench {

    private ImagesBench() {
    }

    public static void main(String[] args) throws Exception {
        BenchOutput.reserve();
        int products = env("PRODUCTS", 10_000);
        int latency = env("LATENCY_MS", 50);
        String[] size = System.getenv().getOrDefault("IMAGE_SIZE", "400x300").split("x");
        String heap = System.getenv().getOrDefault("WORKER_HEAP", "256m");
        byte[][] scenes = scenes(64, Integer.parseInt(size[0]), Integer.parseInt(size[1]));
        AtomicLong requests = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1000);
        ExecutorService serverThreads = Executors.newFixedThreadPool(256);
        server.setExecutor(serverThreads);
        server.createContext("/", exchange -> {
            try (exchange) {
                // /p/<product>/<n>.jpg
                String[] parts = exchange.getRequestURI().getPath().split("/");
                long product = Long.parseLong(parts[2]);
                int n = Integer.parseInt(parts[3].replace(".jpg", ""));
                Thread.sleep(latency);
                byte[] body = distinct(scenes[(int) ((product * 2 + n) % scenes.length)], product * 2 + n);
                exchange.getResponseHeaders().set("Content-Type", "image/jpeg");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
                requests.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                exchange.sendResponseHeaders(400, -1);
            }
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spring.profiles.active", "local");
        settings.put("bulkimport.images.enabled", "true");
        settings.put("bulkimport.images.allow-private-targets", "true");
        settings.put("bulkimport.images.concurrency", Integer.toString(env("CONCURRENCY", 64)));
        settings.put("bulkimport.images.per-host-concurrency", Integer.toString(env("PER_HOST", 64)));
        Path withImages = csv(products, "IMG", base);
        Path without = csv(products, "TXT", base);
        try (BenchStack bench = BenchStack.start(heap, settings)) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("benchmark", "images");
            result.put("products", products);
            result.put("latency_ms", latency);
            result.put("image_size", size[0] + "x" + size[1]);
            double rate;
            double heapMb;
            JsonNode done;
            try (HeapWatcher heapWatcher = new HeapWatcher(bench.workerGcLog)) {
                long start = System.nanoTime();
                done = BenchApi.importFile(bench.stack.apiUrl(), bench.stack.token("alice"), "products", withImages,
                        Map.of("events", "none"));
                double seconds = (System.nanoTime() - start) / 1e9;
                rate = products / seconds;
                heapMb = heapWatcher.maxUsedMb();
                result.put("seconds", Math.round(seconds * 10) / 10.0);
                result.put("worker_max_heap_mb", Math.round(heapWatcher.maxUsedMb()));
                result.put("worker_max_live_heap_mb", Math.round(heapWatcher.maxLiveMb()));
                result.put("worker_full_gcs", heapWatcher.fullCollections());
            }
            JsonNode images = done.path("images");
            System.err.printf(Locale.ROOT, "with images: %,.0f products/s, images %s, %d requests served%n", rate,
                    images, requests.get());
            result.put("products_per_s", Math.round(rate));
            result.put("images_per_s", Math.round(rate * 2));
            result.put("images_done", images.path("done").asLong());
            result.put("images_failed", images.path("failed").asLong());
            result.put("requests_served", requests.get());

            // the physical limit of this machine for the images' CPU work alone (no network, no storage, no
            // database): decode, then original, medium and thumbnail encoded, on every core
            double ceiling = processingCeiling(scenes, Math.min(4_000, products * 2));
            System.err.printf(Locale.ROOT, "processing ceiling: %,.0f images/s on %d cores%n", ceiling,
                    Runtime.getRuntime().availableProcessors());
            result.put("processing_ceiling_images_per_s", Math.round(ceiling));
            result.put("ratio_images_vs_processing_ceiling", Math.round(rate * 2 / ceiling * 1000) / 1000.0);

            bench.restartWorker(Map.of("bulkimport.images.enabled", "false"));
            long start = System.nanoTime();
            BenchApi.importFile(bench.stack.apiUrl(), bench.stack.token("alice"), "products", without,
                    Map.of("events", "none"));
            double plain = products / ((System.nanoTime() - start) / 1e9);
            System.err.printf(Locale.ROOT, "without images: %,.0f products/s%n", plain);
            result.put("products_per_s_without_images", Math.round(plain));
            result.put("ratio_vs_without_images", Math.round(rate / plain * 1000) / 1000.0);
            result.put("goal_met", rate >= 200 && heapMb <= 256 && images.path("failed").asLong() == 0);
            BenchOutput.printResult(BenchApi.JSON.writeValueAsString(result));
        } finally {
            server.stop(0);
            serverThreads.shutdownNow();
            BenchStack.deleteQuietly(withImages);
            BenchStack.deleteQuietly(without);
        }
        System.exit(0);
    }

    /**
     * Images per second the machine's cores decode and re-encode (original, 800 px, 200 px, JPEG) with nothing
     * else to do: what the pipeline could reach at best, whatever its concurrency, on this machine.
     */
    private static double processingCeiling(byte[][] scenes, int images) throws Exception {
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int warm = 0; warm < 2; warm++) {
                long start = System.nanoTime();
                java.util.List<java.util.concurrent.Future<?>> work = new java.util.ArrayList<>();
                for (int i = 0; i < images; i++) {
                    byte[] jpeg = scenes[i % scenes.length];
                    work.add(pool.submit(() -> {
                        BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(jpeg));
                        encode(image);
                        encode(scaled(image, 800));
                        encode(scaled(image, 200));
                        return null;
                    }));
                }
                for (java.util.concurrent.Future<?> f : work) {
                    f.get();
                }
                if (warm == 1) {
                    return images / ((System.nanoTime() - start) / 1e9);
                }
            }
            throw new IllegalStateException("unreachable");
        } finally {
            pool.shutdownNow();
        }
    }

    private static BufferedImage scaled(BufferedImage image, int longSide) {
        double factor = Math.min(1.0, (double) longSide / Math.max(image.getWidth(), image.getHeight()));
        int w = Math.max(1, (int) Math.round(image.getWidth() * factor));
        int h = Math.max(1, (int) Math.round(image.getHeight() * factor));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    private static byte[] encode(BufferedImage image) throws java.io.IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", bytes);
        return bytes.toByteArray();
    }

    private static Path csv(int products, String prefix, String base) throws Exception {
        Path file = Files.createTempFile("bench-images-", ".csv");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("sku,name,brand,category,image_url_1,image_url_2\n");
            for (int i = 0; i < products; i++) {
                out.write(prefix + "-" + i + ",Product " + i + ",Brand " + (i % 50) + ",Pantry," + base + "/p/" + i
                        + "/0.jpg," + base + "/p/" + i + "/1.jpg\n");
            }
        }
        return file;
    }

    /** Photo-like scenes (a gradient and shapes), as JPEGs. */
    private static byte[][] scenes(int count, int width, int height) throws Exception {
        byte[][] out = new byte[count][];
        for (int s = 0; s < count; s++) {
            Random random = new Random(s);
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setPaint(new GradientPaint(0, 0, new Color(random.nextInt(0xFFFFFF)), width, height,
                    new Color(random.nextInt(0xFFFFFF))));
            g.fillRect(0, 0, width, height);
            for (int i = 0; i < 6; i++) {
                g.setColor(new Color(random.nextInt(0xFFFFFF)));
                g.fillOval(random.nextInt(width), random.nextInt(height), width / 4, height / 4);
            }
            g.dispose();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(image, "jpeg", bytes);
            out[s] = bytes.toByteArray();
        }
        return out;
    }

    /** The scene with a COM segment naming the image right after SOI: other bytes, the same pixels. */
    private static byte[] distinct(byte[] jpeg, long number) {
        byte[] text = ("image " + number).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[jpeg.length + 4 + text.length];
        out[0] = (byte) 0xFF;
        out[1] = (byte) 0xD8;
        out[2] = (byte) 0xFF;
        out[3] = (byte) 0xFE;
        out[4] = (byte) ((text.length + 2) >> 8);
        out[5] = (byte) ((text.length + 2) & 0xFF);
        System.arraycopy(text, 0, out, 6, text.length);
        System.arraycopy(jpeg, 2, out, 6 + text.length, jpeg.length - 2);
        return out;
    }

    private static int env(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
