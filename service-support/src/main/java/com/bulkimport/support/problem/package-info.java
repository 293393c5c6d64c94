/** Errors as RFC 9457 problem details: the handler of the relay's and the worker's endpoints, and its helpers. */
package com.bulkimport.support.problem;
