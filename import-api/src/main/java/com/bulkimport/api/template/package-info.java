/** Each kind's fields and its CSV template. */
package com.bulkimport.api.template;
