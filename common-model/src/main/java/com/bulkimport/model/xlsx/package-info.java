/** Reading .xlsx workbooks as a stream of rows: sheets, typed cells as text, checkpointed chunks, samples. */
package com.bulkimport.model.xlsx;
