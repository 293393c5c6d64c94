/** Secrets the database keeps for us (webhook signing secrets), sealed with a key from configuration. */
package com.bulkimport.support.secrets;
