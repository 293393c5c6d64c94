/** The ./bulk-import command line: import, sample, template, errors, status, token. */
package com.bulkimport.cli;
