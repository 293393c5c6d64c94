/** The VPC and the security groups between the services and the database. */
package com.bulkimport.infra.network;
