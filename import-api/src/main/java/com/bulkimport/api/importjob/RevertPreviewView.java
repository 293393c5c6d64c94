package com.bulkimport.api.importjob;

import com.bulkimport.engine.revert.RevertPreview;

import java.util.List;
import java.util.UUID;

/**
 * What {@code POST /api/imports/{id}/revert?mode=dry-run} answers: what reverting the import would do now, judged
 * as the revert judges it; nothing is changed. {@code changes}: the import's changes still to revert, one per
 * record; {@code examples}: up to 20 of them, conflicts first, each with what would happen ({@code DELETE},
 * {@code RESTORE}, or the conflict: {@code CHANGED_SINCE}, {@code REFERENCED}, {@code NO_BEFORE_IMAGE},
 * {@code PARENT_GONE}).
 */
record RevertPreviewView(UUID jobId, String kind, long changes, long wouldDelete, long wouldRestore, long alreadyGone,
                         long conflicts, List<RevertPreview.Example> examples) {

    static RevertPreviewView of(ImportJob job, RevertPreview preview) {
        return new RevertPreviewView(job.id(), job.kind().wireName(), preview.changes(), preview.wouldDelete(),
                preview.wouldRestore(), preview.alreadyGone(), preview.conflicts(), preview.examples());
    }
}
