package com.bulkimport.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where a run's processor time went, by who spent it: PostgreSQL (every process of the bench's cluster, and the
 * backends that ended, through the postmaster's reaped-children times), the worker's JVM, and this JVM's threads
 * grouped by what they serve (the relay, the local stand-ins for EventBridge and SQS, the API, this JVM's own
 * collector and compilers), and S3Proxy. On two shared
 * cores these tell what a figure measured: an import with every record announced pays for the local bus and queues
 * too, which a deployment runs on AWS's machines. Linux only ({@code /proc}); elsewhere every figure reads 0.
 */
final class CpuAccount {

    /** The kernel's clock ticks per second for {@code /proc/<pid>/stat} times (USER_HZ, 100 on Linux). */
    private static final double TICKS = 100.0;
    /** Thread name prefixes of this JVM, by group; the first that matches wins. */
    private static final List<Map.Entry<String, List<String>>> GROUPS = List.of(
            Map.entry("relay", List.of("outbox-relay", "outbox-listener", "put-events-call", "send-message-batch-call", "kafka-producer")),
            Map.entry("local_aws", List.of("put-events", "elasticmq", "HTTP-Dispatcher")),
            Map.entry("api", List.of("http-nio", "import-api", "upload-", "task-")),
            Map.entry("bench_jvm_gc", List.of("GC Thread", "G1 ", "VM Thread", "VM Periodic")),
            Map.entry("bench_jvm_jit", List.of("C1 Compiler", "C2 Compiler")));

    private final String jdbcUrl;
    private final long postmasterPid;
    private final long workerPid;

    private CpuAccount(String jdbcUrl, long postmasterPid, long workerPid) {
        this.jdbcUrl = jdbcUrl;
        this.postmasterPid = postmasterPid;
        this.workerPid = workerPid;
    }

    static CpuAccount of(BenchStack bench) throws Exception {
        long backend;
        try (Connection connection = DriverManager.getConnection(bench.infra.postgres().jdbcUrl(), "postgres",
                "postgres");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            backend = rs.getLong(1);
        }
        long[] stat = stat(backend);
        return new CpuAccount(bench.infra.postgres().jdbcUrl(), stat == null ? -1 : stat[1], bench.worker.pid());
    }

    /** Cumulative CPU-seconds by group, now. */
    Map<String, Double> snapshot() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        putPostgres(seconds);
        long[] worker = stat(workerPid);
        seconds.put("worker", worker == null ? 0 : (worker[2] + worker[3]) / TICKS);
        // this JVM's threads as the kernel names them (the first 15 characters of a Java thread's name): threads that
        // ended during the run are not counted, so the pools the services keep are what this sees
        Map<String, Double> groups = new LinkedHashMap<>();
        GROUPS.forEach(group -> groups.put(group.getKey(), 0.0));
        groups.put("bench_jvm_other", 0.0);
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(task -> {
                try {
                    String line = Files.readString(task.resolve("stat"));
                    String name = line.substring(line.indexOf('(') + 1, line.lastIndexOf(')'));
                    String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
                    double cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS;
                    groups.merge(groupOf(name), cpu, Double::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            });
        } catch (IOException e) {
            // not Linux: every group reads 0
        }
        seconds.putAll(groups);
        seconds.put("s3proxy", ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("s3proxy"))
                .mapToDouble(p -> {
                    long[] s = stat(p.pid());
                    return s == null ? 0 : (s[2] + s[3]) / TICKS;
                }).sum());
        return seconds;
    }

    /** What each group spent between two snapshots (never below 0: a thread that ended takes its time along). */
    static Map<String, Double> between(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> spent = new LinkedHashMap<>();
        after.forEach((group, seconds) -> spent.put(group,
                Math.max(0, Math.round((seconds - before.getOrDefault(group, 0.0)) * 10) / 10.0)));
        return spent;
    }

    /** One line for the progress output: "postgres 82.1 s, worker 25.3 s, … of 172 CPU-s". */
    static String describe(Map<String, Double> spent, double wallSeconds) {
        StringBuilder line = new StringBuilder();
        spent.forEach((group, seconds) -> line.append(line.isEmpty() ? "" : ", ").append(group).append(' ')
                .append(seconds).append(" s"));
        int cores = Runtime.getRuntime().availableProcessors();
        return line.append(" of ").append(Math.round(wallSeconds * cores)).append(" CPU-s (").append(cores)
                .append(" cores × ").append(Math.round(wallSeconds)).append(" s)").toString();
    }

    private static String groupOf(String thread) {
        for (Map.Entry<String, List<String>> group : GROUPS) {
            if (group.getValue().stream().anyMatch(thread::startsWith)) {
                return group.getKey();
            }
        }
        return "bench_jvm_other";
    }

    /**
     * The cluster's processor time: in all, and split by whom a backend serves (the worker's connections, this JVM's:
     * the relay and the API) and the rest (autovacuum, the WAL writer, the checkpointer, backends that ended).
     */
    private void putPostgres(Map<String, Double> seconds) {
        long[] postmaster = postmasterPid < 0 ? null : stat(postmasterPid);
        if (postmaster == null) {
            List.of("postgres", "postgres_for_worker", "postgres_for_services", "postgres_background")
                    .forEach(group -> seconds.put(group, 0.0));
            return;
        }
        Map<Long, Integer> clientPorts = clientPorts();
        Set<Integer> workerPorts = localPorts(workerPid);
        Set<Integer> ownPorts = localPorts(ProcessHandle.current().pid());
        // the postmaster's own time and its reaped children's (the backends that ended), then the live children
        double background = (postmaster[2] + postmaster[3] + postmaster[4] + postmaster[5]) / TICKS;
        double forWorker = 0;
        double forServices = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (long[] child : processes.map(p -> p.getFileName().toString())
                    .filter(name -> name.chars().allMatch(Character::isDigit))
                    .map(name -> stat(Long.parseLong(name))).filter(st -> st != null && st[1] == postmasterPid)
                    .toList()) {
                double cpu = (child[2] + child[3]) / TICKS;
                Integer port = clientPorts.get(child[0]);
                if (port != null && workerPorts.contains(port)) {
                    forWorker += cpu;
                } else if (port != null && ownPorts.contains(port)) {
                    forServices += cpu;
                } else {
                    background += cpu;
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        seconds.put("postgres", background + forWorker + forServices);
        seconds.put("postgres_for_worker", forWorker);
        seconds.put("postgres_for_services", forServices);
        seconds.put("postgres_background", background);
    }

    /** Each backend's client port, by the backend's pid. */
    private Map<Long, Integer> clientPorts() {
        Map<Long, Integer> ports = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(
                     "SELECT pid, client_port FROM pg_stat_activity WHERE client_port IS NOT NULL")) {
            while (rs.next()) {
                ports.put(rs.getLong(1), rs.getInt(2));
            }
        } catch (SQLException e) {
            // every backend then counts as background
        }
        return ports;
    }

    /** The local TCP ports of a process's sockets: its socket inodes, looked up in the kernel's TCP tables. */
    private static Set<Integer> localPorts(long pid) {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            });
        } catch (IOException e) {
            return Set.of();
        }
        Set<Integer> ports = new HashSet<>();
        for (String table : List.of("tcp", "tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "net", table))) {
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length > 9 && inodes.contains(fields[9])) {
                        String local = fields[1];
                        ports.add(Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no such table here
            }
        }
        return ports;
    }

    /** pid, ppid, utime, stime, cutime, cstime of a process; null when it is gone or this is not Linux. */
    private static long[] stat(long pid) {
        try {
            String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name is in parentheses and may hold spaces: fields count from its closing one
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return new long[] {pid, Long.parseLong(fields[1]), Long.parseLong(fields[11]), Long.parseLong(fields[12]),
                    Long.parseLong(fields[13]), Long.parseLong(fields[14])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
