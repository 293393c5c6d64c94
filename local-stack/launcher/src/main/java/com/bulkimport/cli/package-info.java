/** The ./bulk-import command line: import, sample, template, errors, status, token, listen. */
package com.bulkimport.cli;
