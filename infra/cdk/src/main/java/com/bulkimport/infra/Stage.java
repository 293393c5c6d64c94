package com.bulkimport.infra;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A deployment stage. Its name is in every physical name the stack gives a resource, so the stages
 * coexist in one account and region; each brings its own defaults, which context may override.
 *
 * @param logRetentionDays   default days the services' logs are kept
 * @param deletionProtection default for the database's deletion protection and the stack's termination protection
 */
public enum Stage {

    DEV(7, false),
    QA(14, false),
    STAGING(30, true),
    PROD(90, true);

    private final int logRetentionDays;
    private final boolean deletionProtection;

    Stage(int logRetentionDays, boolean deletionProtection) {
        this.logRetentionDays = logRetentionDays;
        this.deletionProtection = deletionProtection;
    }

    /** The name as it appears in resource names: {@code dev}, {@code qa}, {@code staging}, {@code prod}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public int logRetentionDays() {
        return logRetentionDays;
    }

    public boolean deletionProtection() {
        return deletionProtection;
    }

    public static Stage of(String id) {
        return Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown stage '" + id + "': one of "
                        + Arrays.stream(values()).map(Stage::id).collect(Collectors.joining(", "))));
    }
}
