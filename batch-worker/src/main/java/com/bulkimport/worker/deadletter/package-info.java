/** Work that gave up: dead letters kept, their jobs failed, redriven by an operator. */
package com.bulkimport.worker.deadletter;
