/** The review step of a dry run: its problems, paged and counted, and corrections without a new upload. */
package com.bulkimport.api.review;
