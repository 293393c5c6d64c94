/** The local OIDC issuer with demo users, for ./bulk-import up and tests; never production. */
package com.bulkimport.local.auth;
