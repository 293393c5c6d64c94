/** The RDS PostgreSQL instance and its credentials. */
package com.bulkimport.infra.database;
