package com.bulkimport.ops;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The images' Dockerfiles as instructions (continuations joined, comments dropped), split into stages. */
final class Dockerfiles {

    /** The images compose builds, each from its module's folder (its build context). */
    static final Map<String, String> FOLDERS = folders();
    static final List<String> SERVICES = List.copyOf(FOLDERS.keySet());

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

    private Dockerfiles() {
    }

    /** The service's folder in the repository: compose's build context, with its Dockerfile and target/. */
    static String folder(String service) {
        return FOLDERS.get(service);
    }

    static String path(String service) {
        return folder(service) + "/Dockerfile";
    }

    static List<Instruction> instructions(String service) {
        List<Instruction> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Repository.read(path(service)).split("\n")) {
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

    /** The instructions of the last stage: what the image is. */
    static List<Instruction> finalStage(String service) {
        List<Instruction> all = instructions(service);
        int from = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).keyword().equals("FROM")) {
                from = i;
            }
        }
        return all.subList(from, all.size());
    }
}
