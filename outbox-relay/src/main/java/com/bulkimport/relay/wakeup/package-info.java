/** LISTEN outbox: the relay woken within milliseconds of a commit (a hint; it also polls). */
package com.bulkimport.relay.wakeup;
