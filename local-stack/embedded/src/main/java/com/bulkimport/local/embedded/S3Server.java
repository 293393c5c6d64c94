package com.bulkimport.local.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * S3Proxy, a real S3-compatible server that checks request signatures and presigned-URL expiry,
 * storing objects as files. It runs as a child process (its Jetty must not meet Spring's); the
 * child watches our end of a pipe and stops when this process goes away, however it goes.
 */
public final class S3Server implements AutoCloseable {

    private final Process process;
    private final int port;

    private S3Server(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * @param dataDirectory where objects are kept (created if missing)
     * @param port          0 for any free port
     */
    public static S3Server start(Path dataDirectory, int port) throws IOException, InterruptedException {
        int actualPort = port > 0 ? port : FreePorts.find();
        Files.createDirectories(dataDirectory.resolve("blobs"));
        Path config = dataDirectory.resolve("s3proxy.conf");
        Properties properties = new Properties();
        properties.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + actualPort);
        properties.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        properties.setProperty("s3proxy.identity", LocalCredentials.ACCESS_KEY);
        properties.setProperty("s3proxy.credential", LocalCredentials.SECRET_KEY);
        // browsers upload straight to the presigned URL from the web UI's origin
        properties.setProperty("s3proxy.cors-allow-all", "true");
        properties.setProperty("jclouds.provider", "filesystem");
        properties.setProperty("jclouds.filesystem.basedir", dataDirectory.resolve("blobs").toString());
        try (OutputStream out = Files.newOutputStream(config)) {
            properties.store(out, "written by bulk-import's local stack");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        String launch = "'" + java + "' -Xmx384m -jar '" + jarPath() + "' --properties '" + config + "' &"
                + " child=$!; trap 'kill $child 2>/dev/null' TERM INT;"
                + " cat >/dev/null; kill $child 2>/dev/null; wait $child";
        Process process = new ProcessBuilder(List.of("sh", "-c", launch))
                .redirectErrorStream(true)
                .redirectOutput(dataDirectory.resolve("s3proxy.log").toFile())
                .start();
        try {
            FreePorts.awaitListening(actualPort, Duration.ofSeconds(60), process);
        } catch (RuntimeException | InterruptedException e) {
            process.destroyForcibly();
            throw e;
        }
        return new S3Server(process, actualPort);
    }

    static Path jarPath() {
        String override = System.getProperty("bulkimport.s3proxy.jar", System.getenv("BULKIMPORT_S3PROXY_JAR"));
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        try (InputStream in = S3Server.class.getResourceAsStream("/bulkimport/s3proxy.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            Path jar = Path.of(properties.getProperty("jar"));
            if (!Files.isRegularFile(jar)) {
                jar = Path.of(properties.getProperty("repository-jar"));
            }
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("S3Proxy jar not found at " + jar + "; build the project first (./mvnw -q install -DskipTests)");
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
