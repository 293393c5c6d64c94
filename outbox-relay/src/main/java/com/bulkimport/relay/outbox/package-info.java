/** Claiming, publishing and marking outbox rows: the relay loop and its store. */
package com.bulkimport.relay.outbox;
