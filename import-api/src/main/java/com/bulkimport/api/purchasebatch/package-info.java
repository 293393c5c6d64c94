/** The purchase-import seed's one-step multipart upload and its status and list endpoints. */
package com.bulkimport.api.purchasebatch;
