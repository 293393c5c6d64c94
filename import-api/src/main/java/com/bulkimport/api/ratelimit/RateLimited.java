package com.bulkimport.api.ratelimit;

import com.bulkimport.api.problem.TooManyRequests;

/** The caller used up their bucket for this action; {@code Retry-After} says when the next token comes. */
class RateLimited extends TooManyRequests {

    RateLimited(RateLimits.Action action, RateLimitProperties.Limit limit, long retryAfterSeconds) {
        super("rate-limited", "Too many requests",
                "you may " + (action == RateLimits.Action.CREATE ? "create" : "start") + " at most " + limit.capacity()
                        + " imports per " + limit.period().toSeconds() + " s; retry in " + retryAfterSeconds + " s",
                retryAfterSeconds);
    }
}
