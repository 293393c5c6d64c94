/** Reverting an import from its record history: the plan, the preview, the classification of each change. */
package com.bulkimport.engine.revert;
