/** A dry run's preview: what applying would do, against the database as it is. */
package com.bulkimport.engine.preview;
