/** Staging: validated rows COPYed into staging_<kind>, row errors, in-file duplicates. */
package com.bulkimport.engine.staging;
