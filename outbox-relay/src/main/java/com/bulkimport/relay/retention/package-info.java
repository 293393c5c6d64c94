/** Published outbox rows deleted after the retention period. */
package com.bulkimport.relay.retention;
