/** import-api: the REST API, presigned uploads, owner actions, read API and web UI. */
package com.bulkimport.api;
