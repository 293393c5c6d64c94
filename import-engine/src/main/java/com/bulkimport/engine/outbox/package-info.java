/** Events into outbox_events on the caller's transaction, one at a time or set-based per record. */
package com.bulkimport.engine.outbox;
