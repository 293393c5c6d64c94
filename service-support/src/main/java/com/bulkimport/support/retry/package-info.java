/** Waiting out what a service depends on: jittered backoff, and outages logged once when they start and once when they end. */
package com.bulkimport.support.retry;
