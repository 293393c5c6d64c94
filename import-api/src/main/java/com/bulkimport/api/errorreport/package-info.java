/** A job's row errors as JSON pages and as a spreadsheet-safe CSV. */
package com.bulkimport.api.errorreport;
