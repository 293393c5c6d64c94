/** The worker's reads of import_jobs and the one-line failures it records. */
package com.bulkimport.worker.job;
