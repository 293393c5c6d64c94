package com.bulkimport.api.ratelimit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The token buckets in PostgreSQL, so that every instance draws from the same bucket. A take is one
 * statement: the upsert locks the user's row, refills it for the time since its last take (the database's
 * clock, so the instances' clocks do not matter) and takes a token if a whole one is there.
 */
@Component
class RateLimitStore {

    /** Tokens in the bucket now: what was left plus the refill since, never more than the capacity. */
    private static final String AVAILABLE = "least(:capacity, b.tokens + extract(epoch FROM statement_timestamp()"
            + " - b.updated_at)::double precision * :capacity / :period)";

    private static final String TAKE = """
            INSERT INTO rate_limit_buckets AS b (subject, action, tokens, granted, updated_at)
            VALUES (:subject, :action, :capacity - 1, true, statement_timestamp())
            ON CONFLICT (subject, action) DO UPDATE SET
                tokens = CASE WHEN %1$s >= 1 THEN %1$s - 1 ELSE %1$s END,
                granted = %1$s >= 1,
                updated_at = statement_timestamp()
            RETURNING tokens, granted
            """.formatted(AVAILABLE);

    private final JdbcClient jdbc;

    RateLimitStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes one token of the user's bucket for the action if there is one; says what is left either way. */
    Quota take(String subject, RateLimits.Action action, RateLimitProperties.Limit limit) {
        double capacity = limit.capacity();
        double period = limit.period().toNanos() / 1e9;
        return jdbc.sql(TAKE)
                .param("subject", subject)
                .param("action", action.name())
                .param("capacity", capacity)
                .param("period", period)
                .query((rs, row) -> Quota.of(limit, rs.getDouble("tokens"), rs.getBoolean("granted")))
                .single();
    }
}
