/** What tests of every module share: datasets, HTTP, log capture, multipart bodies. */
package com.bulkimport.local.embedded.testkit;
