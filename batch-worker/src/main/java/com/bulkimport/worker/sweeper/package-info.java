/** Stuck work sent again, unconfirmed previews and never-uploaded jobs expired. */
package com.bulkimport.worker.sweeper;
