/** The MDC keys (job, batch, trace) a job's work is logged under in every service. */
package com.bulkimport.support.logging;
