package com.bulkimport.api.ratelimit;

import com.bulkimport.api.caller.Caller;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Per-user token buckets for the actions that cost the system work: creating, starting,
 * retrying, confirming and changing jobs, and reading samples and error reports. The
 * buckets are rows in PostgreSQL ({@link RateLimitStore}), so a limit holds across all instances.
 */
@Component
public class RateLimits {

    /** What a request wants to do, in the words of the refusal: "you may {verb} at most n {things} per …". */
    public enum Action {
        CREATE("create", "imports"), START("start, resume or retry", "imports"), SAMPLE("read", "samples"),
        ERROR_REPORT("read", "error reports"), CONFIRM("confirm", "imports"), UPDATE("change", "imports"),
        UPLOAD("list, sign or complete", "upload requests");

        final String verb;
        final String things;

        Action(String verb, String things) {
            this.verb = verb;
            this.things = things;
        }
    }

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
        RateLimitProperties.Limit limit = properties.of(action);
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

}
