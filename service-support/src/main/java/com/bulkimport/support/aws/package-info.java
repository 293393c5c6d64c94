/** Region and credentials every AWS client of every service is built with. */
package com.bulkimport.support.aws;
