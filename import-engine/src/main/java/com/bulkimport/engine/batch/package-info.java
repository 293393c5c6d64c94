/** import_batches and every batch status change. */
package com.bulkimport.engine.batch;
