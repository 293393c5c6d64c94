/** The database URL every service reads (JDBC or postgres:// style); the migrations live in db/migration. */
package com.bulkimport.db;
