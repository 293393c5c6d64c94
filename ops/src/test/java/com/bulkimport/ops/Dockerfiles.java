package com.bulkimport.ops;

import java.util.ArrayList;
import java.util.List;

/** The services' Dockerfiles as instructions (continuations joined, comments dropped), split into stages. */
final class Dockerfiles {

    static final List<String> SERVICES = List.of("import-api", "outbox-relay", "batch-worker");

    record Instruction(String keyword, String arguments) {
        @Override
        public String toString() {
            return keyword + " " + arguments;
        }
    }

    private Dockerfiles() {
    }

    static List<Instruction> instructions(String service) {
        List<Instruction> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Repository.read(service + "/Dockerfile").split("\n")) {
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
