package com.bulkimport.worker.image;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A finished job's failed images as its IMAGE_FETCH_FAILED warnings record them, and what resolving one does
 * (docs/architecture.md, "Product images", the retry): the warning leaves the error report, the job's counts move
 * (failed down, done up) and the job's products that name the URL at that position get the image as a first fetch
 * would have given it. Resolving is guarded by the warning's delete, so a redelivered retry counts each image once.
 */
@Component
class FailedImages {

    /** One warning: its row, its column {@code image_url_N} and the URL it failed to fetch. */
    record Failed(long id, long row, int position, String url) {

        Position next() {
            return new Position(row, id);
        }
    }

    /** Where a page of warnings starts: after this row and warning id. */
    record Position(long row, long id) {

        static final Position START = new Position(Long.MIN_VALUE, Long.MIN_VALUE);
    }

    private final JdbcClient jdbc;

    FailedImages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The next {@code limit} failed images of the job after {@code after}, in row order. The URL is
     * the warning's {@code subject} (V29); a warning written before it has the URL only in its message, clipped
     * at 300 characters: taken from there when whole, else the image cannot be retried (null URL).
     */
    List<Failed> after(UUID jobId, Position after, int limit) {
        // keyset on (row_number, id): the job's errors are read through their (job_id, row_number) index once in all
        return jdbc.sql("""
                        SELECT id, row_number, column_name, subject, message FROM import_row_errors
                        WHERE job_id = :job AND (row_number, id) > (:row, :id) AND code = :code
                        ORDER BY row_number, id LIMIT :limit""")
                .param("job", jobId).param("code", ProductImageColumns.CODE).param("row", after.row())
                .param("id", after.id()).param("limit", limit)
                .query((rs, n) -> new Failed(rs.getLong("id"), rs.getLong("row_number"),
                        position(rs.getString("column_name")),
                        rs.getString("subject") != null ? rs.getString("subject") : urlOf(rs.getString("message"))))
                .list();
    }

    /**
     * The images fetched now: their warnings deleted (those another delivery has not deleted yet), the job's counts
     * moved by as many, and the job's products that name each URL at its position given the stored image.
     *
     * @param entries per warning, the {@code products.images} entry of its image (JSON)
     * @return how many were resolved here
     */
    int resolve(UUID jobId, String tenant, List<Failed> fetched, List<String> entries) {
        // the job row first: two retries of one job resolve one after the other, never deadlocked on the warnings
        jdbc.sql("SELECT id FROM import_jobs WHERE id = :job FOR UPDATE").param("job", jobId).query(UUID.class).list();
        List<Long> resolved = jdbc.sql("""
                        DELETE FROM import_row_errors WHERE job_id = :job AND code = :code AND id = ANY(:ids)
                        RETURNING id""")
                .param("job", jobId).param("code", ProductImageColumns.CODE)
                .param("ids", fetched.stream().map(Failed::id).toArray(Long[]::new))
                .query(Long.class).list();
        if (resolved.isEmpty()) {
            return 0;
        }
        jdbc.sql("""
                        UPDATE import_jobs SET images_done = images_done + :n, images_failed = images_failed - :n,
                               updated_at = now()
                        WHERE id = :job""")
                .param("n", resolved.size()).param("job", jobId).update();
        Set<Long> now = new HashSet<>(resolved);
        Map<String, Integer> distinct = new LinkedHashMap<>();
        for (int i = 0; i < fetched.size(); i++) {
            Failed failed = fetched.get(i);
            if (now.contains(failed.id())) {
                distinct.putIfAbsent(failed.position() + " " + failed.url(), i);
            }
        }
        Integer[] positions = distinct.values().stream().map(i -> fetched.get(i).position()).toArray(Integer[]::new);
        String[] urls = distinct.values().stream().map(i -> fetched.get(i).url()).toArray(String[]::new);
        String[] images = distinct.values().stream().map(entries::get).toArray(String[]::new);
        // a product the job wrote (and no later import since) naming the URL at that position: its images are those
        // still in place (each at the position whose URL it came from) with the new ones, in column order, and its
        // hash the first one's, as a first fetch that had stored them would have written
        jdbc.sql("""
                        WITH fetched AS (
                            SELECT * FROM unnest(:positions::int[], :urls::text[], :images::text[]) AS f(position, url, entry)
                        ), targets AS (
                            SELECT p.id, p.images,
                                   ARRAY[p.image_url_1, p.image_url_2, p.image_url_3, p.image_url_4, p.image_url_5,
                                         p.image_url_6, p.image_url_7, p.image_url_8, p.image_url_9, p.image_url_10] AS named
                            FROM products p
                            WHERE p.tenant = :tenant AND p.updated_by_job = :job
                              AND (p.image_url_1 = ANY(:urls::text[]) OR p.image_url_2 = ANY(:urls::text[])
                                   OR p.image_url_3 = ANY(:urls::text[]) OR p.image_url_4 = ANY(:urls::text[])
                                   OR p.image_url_5 = ANY(:urls::text[]) OR p.image_url_6 = ANY(:urls::text[])
                                   OR p.image_url_7 = ANY(:urls::text[]) OR p.image_url_8 = ANY(:urls::text[])
                                   OR p.image_url_9 = ANY(:urls::text[]) OR p.image_url_10 = ANY(:urls::text[]))
                        ), merged AS (
                            SELECT t.id, jsonb_agg(x.e ORDER BY (x.e ->> 'position')::int) AS images
                            FROM targets t CROSS JOIN LATERAL (
                                SELECT f.entry::jsonb AS e FROM fetched f WHERE t.named[f.position] = f.url
                                UNION ALL
                                SELECT e FROM jsonb_array_elements(coalesce(t.images, '[]'::jsonb)) e
                                WHERE e ->> 'source_url' = t.named[(e ->> 'position')::int]
                                  AND NOT EXISTS (SELECT 1 FROM fetched f WHERE t.named[f.position] = f.url
                                                  AND f.position = (e ->> 'position')::int)
                            ) x
                            WHERE EXISTS (SELECT 1 FROM fetched f WHERE t.named[f.position] = f.url)
                            GROUP BY t.id
                        )
                        UPDATE products p SET images = m.images, image_hash = m.images -> 0 ->> 'hash', updated_at = now()
                        FROM merged m WHERE p.id = m.id""")
                .param("positions", positions).param("urls", urls).param("images", images)
                .param("tenant", tenant).param("job", jobId).update();
        return resolved.size();
    }

    /** Images that failed again: their warnings say why this time. */
    void failedAgain(UUID jobId, List<Failed> failed, List<String> messages) {
        jdbc.sql("""
                        UPDATE import_row_errors e SET message = m.message
                        FROM unnest(:ids::bigint[], :messages::text[]) AS m(id, message)
                        WHERE e.id = m.id AND e.job_id = :job""")
                .param("ids", failed.stream().map(Failed::id).toArray(Long[]::new))
                .param("messages", messages.toArray(String[]::new)).param("job", jobId).update();
    }

    private static int position(String column) {
        return column != null && column.startsWith("image_url_") ? Integer.parseInt(column.substring(10)) : 0;
    }

    /** The URL of a warning written before V29, from its message; null when the message clipped it. */
    static String urlOf(String message) {
        String head = "image ";
        int end = message == null ? -1 : message.indexOf(" was not imported: ");
        if (end < head.length() || !message.startsWith(head)) {
            return null;
        }
        String url = message.substring(head.length(), end);
        return url.endsWith("…") ? null : url;
    }
}
