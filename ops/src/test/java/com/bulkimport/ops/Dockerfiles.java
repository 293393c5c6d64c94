package com.bulkimport.ops;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository's one Dockerfile as instructions (continuations joined, comments dropped), split into stages,
 * and what it builds for each {@code SERVICE} argument: the chain of stages the image is made of, resolved as
 * Docker resolves {@code FROM ${SERVICE}} (a stage of that name, or an image).
 */
final class Dockerfiles {

    static final String PATH = "Dockerfile";

    /** The images compose builds, each with its SERVICE argument, and the module folder its jar is built in. */
    static final Map<String, String> FOLDERS = folders();
    static final List<String> SERVICES = List.copyOf(FOLDERS.keySet());

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private static Map<String, String> folders() {
        Map<String, String> folders = new LinkedHashMap<>();
        folders.put("import-api", "import-api");
        folders.put("outbox-relay", "outbox-relay");
        folders.put("batch-worker", "batch-worker");
        // the local sign-in server (LocalAuthMain): its own module, so its image has none of the local stack's servers
        folders.put("local-auth", "local-stack/auth");
        return Collections.unmodifiableMap(folders);
    }

    record Instruction(String keyword, String arguments) {
        @Override
        public String toString() {
            return keyword + " " + arguments;
        }
    }

    /** @param base what its FROM names, variables left as written; @param name null when unnamed */
    record Stage(String base, String name, List<Instruction> instructions) {
    }

    private Dockerfiles() {
    }

    /** The service's module folder, where Maven builds the jar the Dockerfile copies from {@code <folder>/target}. */
    static String folder(String service) {
        return FOLDERS.get(service);
    }

    static List<Instruction> instructions() {
        List<Instruction> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Repository.read(PATH).split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || trimmed.isEmpty() && current.isEmpty()) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String text = current.toString().replaceAll("\\s+", " ").strip();
            current.setLength(0);
            if (!text.isEmpty()) {
                int space = text.indexOf(' ');
                out.add(new Instruction(text.substring(0, space).toUpperCase(), text.substring(space + 1)));
            }
        }
        return out;
    }

    /** Every stage in the file's order; instructions before the first FROM (global ARGs) belong to none. */
    static List<Stage> stages() {
        List<Stage> stages = new ArrayList<>();
        String base = null;
        String name = null;
        List<Instruction> body = null;
        for (Instruction instruction : instructions()) {
            if (instruction.keyword().equals("FROM")) {
                if (body != null) {
                    stages.add(new Stage(base, name, List.copyOf(body)));
                }
                String[] parts = instruction.arguments().split(" ");
                base = parts[0];
                name = parts.length == 3 && parts[1].equalsIgnoreCase("AS") ? parts[2] : null;
                body = new ArrayList<>();
            } else if (body != null) {
                body.add(instruction);
            }
        }
        if (body != null) {
            stages.add(new Stage(base, name, List.copyOf(body)));
        }
        return stages;
    }

    static Stage stage(String name) {
        return stages().stream().filter(s -> name.equals(s.name())).findFirst()
                .orElseThrow(() -> new AssertionError("no stage " + name + " in the Dockerfile"));
    }

    /**
     * The stages the image for this SERVICE is made of, from the one on an image of a registry down to the last
     * stage of the file: {@code FROM runtime AS import-api} then {@code FROM ${SERVICE}} is runtime, import-api, last.
     */
    static List<Stage> imageStages(String service) {
        List<Stage> all = stages();
        List<Stage> chain = new ArrayList<>();
        Stage stage = all.get(all.size() - 1);
        while (true) {
            chain.add(0, stage);
            String base = substitute(stage.base(), Map.of("SERVICE", service));
            Stage parent = all.stream().filter(s -> base.equals(s.name())).findFirst().orElse(null);
            if (parent == null) {
                return chain;
            }
            stage = parent;
        }
    }

    /** What the image for this SERVICE is: the instructions of its stages in order, FROMs left out. */
    static List<Instruction> image(String service) {
        return imageStages(service).stream().flatMap(s -> s.instructions().stream()).toList();
    }

    /** The base image the chain starts from (a registry's image, not a stage). */
    static String baseImage(String service) {
        return imageStages(service).get(0).base();
    }

    /** The image's ENV, later ones winning as in Docker ({@code ENV NAME=value}, one per instruction). */
    static Map<String, String> environment(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Instruction instruction : image(service)) {
            if (instruction.keyword().equals("ENV")) {
                String[] pair = instruction.arguments().split("=", 2);
                env.put(pair[0], pair[1].replaceAll("^\"(.*)\"$", "$1"));
            }
        }
        return env;
    }

    /** {@code ${NAME}} replaced by its value, as the shell of a shell-form command or Docker's FROM does. */
    static String substitute(String text, Map<String, String> values) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new AssertionError("${" + matcher.group(1) + "} has no value in: " + text);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(out).toString();
    }

    static List<String> arguments(List<Instruction> instructions, String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }
}
