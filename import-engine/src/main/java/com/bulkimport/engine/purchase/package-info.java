/** The purchase-import rules run on a job's staged lines before anything is written. */
package com.bulkimport.engine.purchase;
