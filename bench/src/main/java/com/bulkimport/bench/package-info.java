/** Benchmarks run by the {@code bench/*} scripts against a throw-away local stack; never part of a service or of {@code ./bulk-import}. */
package com.bulkimport.bench;
