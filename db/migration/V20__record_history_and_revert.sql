-- Reverting an import (issue 18): what each import did to each record, kept for a while, and revert jobs.
-- (V18 and V19 are taken by work on other branches.)

-- One row per record an import created or changed, written by the batch's own apply statement (set-based,
-- in its transaction). before: the record as it was (to_jsonb of the row), null for a creation.
-- reverted_by: the revert job that undid this change; a change left alone (a conflict) stays null, so a
-- later revert of the same import can try it again.
CREATE TABLE record_history (
    id           bigserial   PRIMARY KEY,
    tenant       text        NOT NULL,
    record_table text        NOT NULL,
    record_id    bigint      NOT NULL,
    job_id       uuid        NOT NULL,
    op           text        NOT NULL CHECK (op IN ('CREATED', 'UPDATED')),
    before       jsonb,
    changed_at   timestamptz NOT NULL DEFAULT now(),
    reverted_by  uuid
);
-- a revert plans from its import's first change to each record, and marks every change of a record it undid;
-- the records view lists what an import changed; the retention sweeper deletes by age
CREATE INDEX record_history_job_record ON record_history (job_id, record_id, id);
CREATE INDEX record_history_changed_at ON record_history (changed_at);

-- A revert is a job of the reverted import's kind: reverts_job_id names the import it undoes, deleted_count
-- counts the records it removed (its updated_count the records it gave their old values back). No foreign
-- key: the retention sweeper deletes finished jobs on their own schedule.
ALTER TABLE import_jobs ADD COLUMN reverts_job_id uuid,
                        ADD COLUMN deleted_count  bigint NOT NULL DEFAULT 0;
CREATE INDEX import_jobs_reverts ON import_jobs (reverts_job_id) WHERE reverts_job_id IS NOT NULL;

-- A revert job's work between its start and its batches: one row per change to undo (the first change the
-- import made to each record), numbered and cut into batches as a file's staged rows are.
CREATE TABLE revert_items (
    job_id     uuid    NOT NULL,
    row_number bigint  NOT NULL,
    batch_seq  integer NOT NULL,
    history_id bigint  NOT NULL,
    PRIMARY KEY (job_id, batch_seq, row_number)
);

-- A revert deletes a customer or a product only when nothing points at it: these make the check an index probe.
CREATE INDEX purchases_customer ON purchases (customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX purchase_items_product ON purchase_items (product_id) WHERE product_id IS NOT NULL;
