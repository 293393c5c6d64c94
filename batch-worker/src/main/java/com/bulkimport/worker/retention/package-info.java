/** Retention: finished jobs, their uploads and old inbox and dead-letter rows deleted. */
package com.bulkimport.worker.retention;
