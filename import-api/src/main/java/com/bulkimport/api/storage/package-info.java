/** The upload bucket: presigned PUTs, streamed uploads, HEAD and ranged reads. */
package com.bulkimport.api.storage;
