/** IMPORT_JOB_STARTED: a file streamed from S3 into staging in checkpointed chunks. */
package com.bulkimport.worker.ingest;
