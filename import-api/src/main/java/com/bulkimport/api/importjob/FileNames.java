package com.bulkimport.api.importjob;

/** File names become part of an object key: keep the last path segment and harmless characters only. */
public final class FileNames {

    static final int MAX_LENGTH = 255;

    private FileNames() {
    }

    /** @return a safe name, or null when nothing usable is left */
    public static String sanitize(String name) {
        if (name == null) {
            return null;
        }
        String last = name.replace('\\', '/');
        last = last.substring(last.lastIndexOf('/') + 1).strip();
        String safe = last.replaceAll("[^A-Za-z0-9._ -]", "_").replaceAll("^[. ]+", "");
        if (safe.isEmpty() || safe.length() > MAX_LENGTH) {
            return null;
        }
        return safe;
    }
}
