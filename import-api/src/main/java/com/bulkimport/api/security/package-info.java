/** Sign-in, token and API-key checks, body and upload caps, security headers. */
package com.bulkimport.api.security;
