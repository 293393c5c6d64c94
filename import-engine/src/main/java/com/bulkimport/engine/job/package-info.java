/** The job lifecycle: every status change of a job (JobTransition) and the events it writes. */
package com.bulkimport.engine.job;
