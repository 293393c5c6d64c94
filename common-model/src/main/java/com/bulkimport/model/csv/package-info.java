/** Reading CSV as files really are: encodings, delimiters, gzip, checkpointed chunks, samples. */
package com.bulkimport.model.csv;
