package com.bulkimport.engine.staging;

import java.util.List;

/**
 * Columns of a staged row that come from outside the file, computed while it is staged (a product's image hash and
 * stored images, docs/architecture.md, "Product images"), and the row warnings they raise. A warning never refuses
 * the row: it goes to the error report beside the imported row.
 */
public interface StagedExtras {

    /** The staging columns filled, after the derived ones. */
    List<String> columns();

    /**
     * @param values the row's validated values, in the kind's field order
     * @param out    one value per {@link #columns()} column (null for NULL)
     * @return the row's warnings (empty for none)
     */
    List<RowWarning> fill(String[] values, String[] out);
}
