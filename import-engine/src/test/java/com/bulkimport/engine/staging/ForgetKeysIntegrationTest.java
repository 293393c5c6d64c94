package com.bulkimport.engine.staging;

import com.bulkimport.engine.testing.EngineDatabase;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The keys of a read that is over go in pieces, all of them, and only that job's. */
class ForgetKeysIntegrationTest {

    private final EngineDatabase db = EngineDatabase.shared();

    /** Rows of one kind of key: 0 a record key, 1 a barcode alone, 2 a name + brand key alone. */
    private void keep(UUID jobId, int keyType, int keys) {
        db.jdbc.sql("INSERT INTO staging_keys (job_id, row_number, record_key, barcode, name_brand_key)"
                        + " SELECT :job, i, CASE WHEN :type = 0 THEN 'k' || i END, CASE WHEN :type = 1 THEN 'k' || i END,"
                        + " CASE WHEN :type = 2 THEN 'k' || i END FROM generate_series(1, :keys) i")
                .param("job", jobId).param("type", keyType).param("keys", keys).update();
    }

    private long kept(UUID jobId) {
        return db.jdbc.sql("SELECT count(*) FROM staging_keys WHERE job_id = :job").param("job", jobId)
                .query(Long.class).single();
    }

    @Test
    void everyKeyOfTheJobGoesOverSeveralPiecesAndNoOtherJobsKey() {
        UUID read = UUID.randomUUID();
        UUID stillReading = UUID.randomUUID();
        // two whole pieces and one key more, over two key types; a piece boundary falls inside each
        int pieces = InFileDuplicates.KEYS_PER_PIECE;
        keep(read, 1, pieces + 7);
        keep(read, 2, pieces - 6);
        keep(stillReading, 0, 10);

        assertThat(InFileDuplicates.forgetKeysInPieces(db.jdbc, read)).isEqualTo(2L * pieces + 1);

        assertThat(kept(read)).isZero();
        assertThat(kept(stillReading)).isEqualTo(10);
        assertThat(InFileDuplicates.forgetKeysInPieces(db.jdbc, read)).as("nothing left, nothing done").isZero();
    }

    @Test
    void exactlyAWholePieceEndsWithAnEmptyStatement() {
        UUID read = UUID.randomUUID();
        keep(read, 0, InFileDuplicates.KEYS_PER_PIECE);

        assertThat(InFileDuplicates.forgetKeysInPieces(db.jdbc, read)).isEqualTo(InFileDuplicates.KEYS_PER_PIECE);
        assertThat(kept(read)).isZero();
    }
}
