/** API keys for the read API, issued and revoked by admins. */
package com.bulkimport.api.apikey;
