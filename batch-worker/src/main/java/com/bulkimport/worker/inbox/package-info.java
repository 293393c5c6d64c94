/** The inbox: which events this worker has handled, committed with their effects. */
package com.bulkimport.worker.inbox;
