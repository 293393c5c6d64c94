/** The Kafka transport of work: consumers, retries, the dead-letter topic, lag. */
package com.bulkimport.worker.kafka;
