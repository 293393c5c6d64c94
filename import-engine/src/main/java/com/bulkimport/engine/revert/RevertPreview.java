package com.bulkimport.engine.revert;

import java.util.List;

/**
 * What reverting an import would do now, change by change, without doing it.
 *
 * @param changes      the import's changes still to revert (one per record)
 * @param wouldDelete  records the import created that would be deleted
 * @param wouldRestore records the import changed that would get their values back
 * @param alreadyGone  records that no longer exist
 * @param conflicts    changes that would be left as they are, each a row of the revert's error report
 * @param examples     a few of them, conflicts first
 */
public record RevertPreview(long changes, long wouldDelete, long wouldRestore, long alreadyGone, long conflicts,
                            List<Example> examples) {

    /** One change: its record, what the revert would do ({@code DELETE}, {@code RESTORE}, or a conflict's code). */
    public record Example(long recordId, String outcome, String message) {
    }
}
