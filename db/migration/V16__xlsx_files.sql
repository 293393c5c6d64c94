-- Excel workbooks (.xlsx) next to CSV. What the file was is kept with the first chunk, as its encoding and
-- delimiter are, so a resumed ingest opens it the same way: a CSV resumes with a ranged read from its byte
-- offset, a workbook reads its sheet again and skips to the row after the checkpoint (ingest_offset is then
-- that sheet row). sheet is the sheet read: the option's, else the first visible one, by name.
-- V15 is another branch's number; this one follows it.
ALTER TABLE import_jobs
    ADD COLUMN file_format text CHECK (file_format IN ('csv', 'xlsx')),
    ADD COLUMN sheet       text;
