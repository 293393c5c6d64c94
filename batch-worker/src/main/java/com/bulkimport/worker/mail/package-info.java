/** Mail: the end of an import to the addresses it names (or its owner's), and a disabled webhook to its owner. */
package com.bulkimport.worker.mail;
