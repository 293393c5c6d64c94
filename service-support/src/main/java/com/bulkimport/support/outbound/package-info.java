/** Requests this system sends to addresses its users chose (webhooks, later image downloads), kept off private networks. */
package com.bulkimport.support.outbound;
