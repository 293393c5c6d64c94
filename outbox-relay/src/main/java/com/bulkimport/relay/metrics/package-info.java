/** Outbox lag and backlog gauges, publish counters, the lag health check. */
package com.bulkimport.relay.metrics;
