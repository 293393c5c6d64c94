/** ./bulk-import up: every server and service of the system in one JVM on loopback. */
package com.bulkimport.local;
