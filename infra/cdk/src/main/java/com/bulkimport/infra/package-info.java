/** The AWS CDK app: one stack per stage, from the deployment settings in the CDK context. */
package com.bulkimport.infra;
