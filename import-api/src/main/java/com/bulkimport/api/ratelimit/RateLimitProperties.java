package com.bulkimport.api.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Token buckets per user, shared by every instance (in PostgreSQL): {@code capacity} requests at once, refilled evenly over {@code period}.
 *
 * @param create creating jobs ({@code POST /api/imports}, {@code POST /api/imports/rows})
 * @param start  starting jobs ({@code POST /api/imports/{id}/start})
 */
@ConfigurationProperties("bulkimport.rate-limit")
public record RateLimitProperties(Limit create, Limit start) {

    public RateLimitProperties {
        create = create == null ? Limit.DEFAULT : create;
        start = start == null ? Limit.DEFAULT : start;
    }

    public record Limit(int capacity, Duration period) {
        static final Limit DEFAULT = new Limit(30, Duration.ofMinutes(1));

        public Limit {
            if (capacity < 1 || period == null || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("a rate limit needs a capacity >= 1 and a positive period");
            }
        }
    }
}
