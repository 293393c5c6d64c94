/** The relay's admin endpoints: dead events, replay, deletion, with an audit trail. */
package com.bulkimport.relay.admin;
