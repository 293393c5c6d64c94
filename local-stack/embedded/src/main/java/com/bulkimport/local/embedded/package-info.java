/** Real servers on loopback for a laptop and for tests: PostgreSQL, ElasticMQ, S3Proxy, PutEvents, Kafka. */
package com.bulkimport.local.embedded;
