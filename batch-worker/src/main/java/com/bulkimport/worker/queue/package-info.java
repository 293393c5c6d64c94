/** The SQS transport of work and the dispatcher every transport hands events to. */
package com.bulkimport.worker.queue;
