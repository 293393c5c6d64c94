/** Request logs under the job they concern. */
package com.bulkimport.api.observability;
