/** The batch worker: consumes work (SQS or Kafka), ingests files, applies batches. */
package com.bulkimport.worker;
