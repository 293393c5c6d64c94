package com.bulkimport.api.ratelimit;

import com.bulkimport.api.caller.Caller;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-user token buckets (Bucket4j) for the actions that cost the system work: creating and starting
 * jobs. Buckets live in this instance's memory, so with N instances a user gets up to N times the
 * rate; the limit is there against runaway scripts, not as a quota.
 */
@Component
public class RateLimits {

    /** What a request wants to do. */
    public enum Action { CREATE, START }

    private final RateLimitProperties properties;
    private final Map<Action, Map<String, Bucket>> buckets = new EnumMap<>(Action.class);

    RateLimits(RateLimitProperties properties) {
        this.properties = properties;
        for (Action action : Action.values()) {
            buckets.put(action, new ConcurrentHashMap<>());
        }
    }

    /** Takes one token of the caller's bucket, or refuses with 429 and how long to wait. */
    public void take(Caller caller, Action action) {
        RateLimitProperties.Limit limit = limit(action);
        Map<String, Bucket> byUser = buckets.get(action);
        if (byUser.size() >= properties.maxTrackedUsers()) {
            byUser.values().removeIf(bucket -> bucket.getAvailableTokens() >= limit.capacity());
        }
        Bucket bucket = byUser.computeIfAbsent(caller.subject(), user -> Bucket.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()))
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            throw new RateLimited(action, limit, seconds);
        }
    }

    private RateLimitProperties.Limit limit(Action action) {
        return action == Action.CREATE ? properties.create() : properties.start();
    }
}
