package com.bulkimport.api.importjob;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * @param maxFileSize largest file a job may declare
 * @param pageSizeMax largest page a list endpoint returns
 * @param maxInlineRows most rows one inline import ({@code POST /api/imports/rows}) may carry
 */
@ConfigurationProperties("bulkimport.limits")
record ImportLimits(DataSize maxFileSize, int pageSizeMax, int maxInlineRows) {
}
