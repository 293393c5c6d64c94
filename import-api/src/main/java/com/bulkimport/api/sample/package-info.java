/** A first look at an uploaded file: encoding, delimiter, header, records, suggested mapping. */
package com.bulkimport.api.sample;
