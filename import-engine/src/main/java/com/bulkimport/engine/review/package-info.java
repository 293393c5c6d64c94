/** The review step of a dry run: corrections of refused rows, applied to the staged job and re-validated. */
package com.bulkimport.engine.review;
