/** The outbox relay: publishes outbox rows to EventBridge, SQS or Kafka. */
package com.bulkimport.relay;
