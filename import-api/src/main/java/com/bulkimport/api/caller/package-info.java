/** Who is calling: subject, tenant and admin role, from a token or an API key. */
package com.bulkimport.api.caller;
