/** Every error as an RFC 9457 problem detail, from handlers, filters and the container. */
package com.bulkimport.api.problem;
