/** Jobs: create, start, change, confirm, cancel, retry, read; inline imports. */
package com.bulkimport.api.importjob;
