/** The upload bucket and its lifecycle. */
package com.bulkimport.infra.storage;
