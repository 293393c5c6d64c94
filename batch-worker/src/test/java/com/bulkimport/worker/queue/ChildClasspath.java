package com.bulkimport.worker.queue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The class path of the child JVMs, with every directory of this JVM's class path (the modules'
 * {@code target/classes}) packed into a jar: class data sharing archives classes from jars only, and
 * a shared archive saves each of the many child workers a crash test starts much of its startup.
 */
final class ChildClasspath {

    /**
     * This JVM's own directory: the module's tests run in two JVMs at once, and one packing the jars or writing
     * the class archive while the other's children read them would hand those children half a file.
     */
    static final Path DIRECTORY = Path.of("target", "child-classpath-" + ProcessHandle.current().pid())
            .toAbsolutePath();

    private static String packed;

    private ChildClasspath() {
    }

    static synchronized String get() {
        if (packed == null) {
            packed = pack(DIRECTORY);
        }
        return packed;
    }

    private static String pack(Path into) {
        try {
            Files.createDirectories(into);
            List<String> entries = new ArrayList<>();
            int n = 0;
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path path = Path.of(entry);
                if (Files.isDirectory(path)) {
                    Path jar = into.resolve((n++) + "-" + path.getParent().getParent().getFileName() + "-"
                            + path.getFileName() + ".jar").toAbsolutePath();
                    jar(path, jar);
                    entries.add(jar.toString());
                } else {
                    entries.add(entry);
                }
            }
            return String.join(File.pathSeparator, entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void jar(Path directory, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> paths = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) paths.sorted()::iterator) {
                String name = directory.relativize(path).toString().replace(File.separatorChar, '/');
                if (name.isEmpty()) {
                    continue;
                }
                if (Files.isDirectory(path)) {
                    out.putNextEntry(new JarEntry(name + "/"));
                } else {
                    out.putNextEntry(new JarEntry(name));
                    Files.copy(path, out);
                }
                out.closeEntry();
            }
        }
    }
}
