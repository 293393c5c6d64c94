package com.bulkimport.api.ratelimit;

import com.bulkimport.api.caller.Caller;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Per-user token buckets for the actions that cost the system work: creating and starting jobs. The
 * buckets are rows in PostgreSQL ({@link RateLimitStore}), so a limit holds across all instances.
 */
@Component
public class RateLimits {

    /** What a request wants to do. */
    public enum Action { CREATE, START }

    private final RateLimitProperties properties;
    private final RateLimitStore store;

    RateLimits(RateLimitProperties properties, RateLimitStore store) {
        this.properties = properties;
        this.store = store;
    }

    /**
     * Takes one token of the caller's bucket and puts the bucket's {@code RateLimit-*} headers on the response,
     * or refuses with 429 and how long to wait.
     */
    public void take(Caller caller, Action action) {
        RateLimitProperties.Limit limit = limit(action);
        Quota quota = store.take(caller.subject(), action, limit);
        if (!quota.granted()) {
            throw new RateLimited(action, limit, quota);
        }
        // the answer may still be a problem (a 404, say): the headers go on the response now, whatever it becomes
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
                && request.getResponse() != null) {
            RateLimitHeaders.of(quota).forEach((name, values) ->
                    request.getResponse().setHeader(name, values.get(0)));
        }
    }

    private RateLimitProperties.Limit limit(Action action) {
        return action == Action.CREATE ? properties.create() : properties.start();
    }
}
