/** Per-user rate limits of the requests that cost work, shared by every instance. */
package com.bulkimport.api.ratelimit;
