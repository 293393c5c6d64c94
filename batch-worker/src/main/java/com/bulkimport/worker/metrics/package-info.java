/** The worker's metrics: rows and batches by kind and outcome, backlog and queue gauges. */
package com.bulkimport.worker.metrics;
