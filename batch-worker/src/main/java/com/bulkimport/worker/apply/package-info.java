/** IMPORT_BATCH_READY: one batch applied to its domain tables with set-based SQL, one applier per kind. */
package com.bulkimport.worker.apply;
