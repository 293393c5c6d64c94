/**
 * Which bearer tokens the services believe (one rule for all three: issuer, audience, roles, clock skew) and
 * the security of the relay's and the worker's admin endpoints.
 */
package com.bulkimport.support.security;
