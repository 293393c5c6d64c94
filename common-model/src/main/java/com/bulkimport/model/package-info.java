/** Plain types every module shares: kinds, modes, options, job and batch statuses. */
package com.bulkimport.model;
