/** What tests of every module share: datasets, HTTP, log capture, multipart bodies, query plans. */
package com.bulkimport.local.embedded.testkit;
