package com.bulkimport.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A small command-line parser: positionals, repeatable {@code --name value} options and flags. */
final class Args {

    private final List<String> positionals = new ArrayList<>();
    private final List<String[]> options = new ArrayList<>();
    private final List<String> flags = new ArrayList<>();

    Args(List<String> raw, Set<String> knownFlags, Set<String> knownOptions) {
        for (int i = 0; i < raw.size(); i++) {
            String arg = raw.get(i);
            if (knownFlags.contains(arg)) {
                flags.add(arg);
            } else if (arg.startsWith("--")) {
                String name = arg;
                String value;
                int eq = arg.indexOf('=');
                if (eq > 0) {
                    name = arg.substring(0, eq);
                    value = arg.substring(eq + 1);
                } else if (i + 1 < raw.size()) {
                    value = raw.get(++i);
                } else {
                    throw new UsageError(arg + " needs a value");
                }
                if (!knownOptions.contains(name)) {
                    throw new UsageError("unknown option " + name);
                }
                options.add(new String[] {name, value});
            } else {
                positionals.add(arg);
            }
        }
    }

    String positional(int index, String name) {
        if (index >= positionals.size()) {
            throw new UsageError("missing " + name);
        }
        return positionals.get(index);
    }

    List<String> positionals() {
        return positionals;
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    Optional<String> optional(String name) {
        String found = null;
        for (String[] option : options) {
            if (option[0].equals(name)) {
                found = option[1];
            }
        }
        return Optional.ofNullable(found);
    }

    String required(String name) {
        return optional(name).orElseThrow(() -> new UsageError("missing " + name));
    }

    List<String> all(String name) {
        return options.stream().filter(o -> o[0].equals(name)).map(o -> o[1]).toList();
    }
}
