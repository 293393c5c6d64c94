/** Per-user rate limits of creating and starting imports. */
package com.bulkimport.api.ratelimit;
