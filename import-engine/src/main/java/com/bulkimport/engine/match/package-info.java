/** Match keys and the match SQL that decide which stored record a staged row is. */
package com.bulkimport.engine.match;
