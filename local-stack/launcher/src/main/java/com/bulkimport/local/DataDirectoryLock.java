package com.bulkimport.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One up per data directory: a lock on {@code up.lock} in it, held until the JVM ends however it ends (the
 * operating system releases it even after SIGKILL), with the holder's pid in the file for the refusal.
 */
final class DataDirectoryLock {

    /** Held for the life of the JVM: a lock whose channel is collected is released. */
    private static FileLock held;

    private DataDirectoryLock() {
    }

    static synchronized void acquire(Path dataDirectory) throws IOException {
        Files.createDirectories(dataDirectory);
        Path file = dataDirectory.resolve("up.lock");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            throw new AlreadyRunning(dataDirectory, Files.readString(file, StandardCharsets.US_ASCII).strip());
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)));
        channel.force(false);
        held = lock;
    }
}
