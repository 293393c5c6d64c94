package com.bulkimport.model.xlsx;

/**
 * One sheet of a workbook as a sample lists it.
 *
 * @param position   1-based, in the workbook's tab order
 * @param visibility {@code visible}, {@code hidden} (Format > Hide) or {@code very_hidden} (only VBA shows it)
 * @param rows       its data rows: non-empty rows after the header row; -1 when not counted
 */
public record SheetInfo(int position, String name, String visibility, long rows) {

    public boolean visible() {
        return "visible".equals(visibility);
    }
}
