/** One Publisher per transport: EventBridge, SQS, Kafka. */
package com.bulkimport.relay.publish;
