package com.bulkimport.engine;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code bulkimport.fairness.*}: each tenant's share of the work (docs/architecture.md, "Priority and fairness").
 * Set the same in import-api and batch-worker: both announce batches.
 *
 * @param batchesPerTenant batches a tenant may have announced and not yet applied at once (its share of the work
 *                         queue); at least the workers' total concurrency, else one tenant alone leaves workers idle;
 *                         the more, the longer another tenant's work waits behind it (default 4: one worker's threads)
 *                         0: no limit, every batch announced as it is released
 * @param ingestsPerTenant files a tenant may have read at once (the worker's); 0: no limit
 */
@ConfigurationProperties("bulkimport.fairness")
public record FairnessProperties(@DefaultValue("4") int batchesPerTenant, @DefaultValue("2") int ingestsPerTenant) {

    public FairnessProperties {
        if (batchesPerTenant < 0 || ingestsPerTenant < 0) {
            throw new IllegalArgumentException("bulkimport.fairness.* must not be negative");
        }
    }
}
