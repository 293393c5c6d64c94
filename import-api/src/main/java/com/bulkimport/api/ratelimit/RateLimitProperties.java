package com.bulkimport.api.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Token buckets per user, shared by every instance (in PostgreSQL): {@code capacity} requests at once,
 * refilled evenly over {@code period}. An action left out gets 30 a minute.
 *
 * @param create      creating jobs ({@code POST /api/imports}, {@code POST /api/imports/rows})
 * @param start       starting and retrying jobs ({@code POST /api/imports/{id}/start}, {@code …/retry})
 * @param sample      reading a file's sample ({@code GET /api/imports/{id}/sample})
 * @param errorReport reading a job's row errors ({@code GET /api/imports/{id}/errors}, {@code …/errors.csv})
 * @param confirm     confirming a dry run ({@code POST /api/imports/{id}/confirm})
 * @param update      changing a job before its start ({@code PATCH /api/imports/{id}})
 * @param upload      a multipart upload's requests ({@code GET /api/imports/{id}/upload}, {@code …/upload/parts},
 *                    {@code …/upload/complete}); 120 a minute unless set
 */
@ConfigurationProperties("bulkimport.rate-limit")
public record RateLimitProperties(Limit create, Limit start, Limit sample, Limit errorReport, Limit confirm,
                                  Limit update, Limit upload) {

    public RateLimitProperties {
        create = create == null ? Limit.DEFAULT : create;
        start = start == null ? Limit.DEFAULT : start;
        sample = sample == null ? Limit.DEFAULT : sample;
        errorReport = errorReport == null ? Limit.DEFAULT : errorReport;
        confirm = confirm == null ? Limit.DEFAULT : confirm;
        update = update == null ? Limit.DEFAULT : update;
        upload = upload == null ? new Limit(120, Duration.ofMinutes(1)) : upload;
    }

    Limit of(RateLimits.Action action) {
        return switch (action) {
            case CREATE -> create;
            case START -> start;
            case SAMPLE -> sample;
            case ERROR_REPORT -> errorReport;
            case CONFIRM -> confirm;
            case UPDATE -> update;
            case UPLOAD -> upload;
        };
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
