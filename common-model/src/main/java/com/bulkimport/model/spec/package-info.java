/** Each kind's fields, header-to-field mapping and row validation (values parsed as files write them). */
package com.bulkimport.model.spec;
