/** The end of an ingest: duplicates marked, batches cut and released, or a preview recorded. */
package com.bulkimport.engine.release;
