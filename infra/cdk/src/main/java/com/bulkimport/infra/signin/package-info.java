/** Checks on the OIDC issuer the services trust (the tenant attribute guard). */
package com.bulkimport.infra.signin;
