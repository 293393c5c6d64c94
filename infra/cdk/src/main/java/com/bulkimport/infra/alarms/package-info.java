/** CloudWatch alarms and the topic they notify. */
package com.bulkimport.infra.alarms;
