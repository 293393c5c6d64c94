/** One import, one trace: spans of every service in the job's trace, from its trace id alone. */
package com.bulkimport.support.tracing;
