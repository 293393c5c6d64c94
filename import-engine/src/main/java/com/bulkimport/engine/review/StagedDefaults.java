package com.bulkimport.engine.review;

import com.bulkimport.engine.job.JobRef;
import com.bulkimport.engine.match.RowKeys;
import com.bulkimport.engine.staging.StagingTable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A column's default given at review, in the rows already staged: each staged row whose field is empty gets the
 * default's value, as the CLI's {@code --default} fills every row's empty cell at ingest (docs/architecture.md,
 * "Review and corrections"). A staged row holds its validated values, not its cells: a field it left empty is NULL
 * (the parser gives null for an empty cell only, and for NaN in a number), and a default only adds a value, so
 * the row stays valid and is not validated again. Only its match key and derived columns can change with it: when
 * the field feeds them, they are computed again by the ingest's own {@link RowKeys} for the rows filled, else the
 * fill is one statement.
 */
final class StagedDefaults {

    private static final int CHUNK = Corrections.CHUNK;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JobRef job;
    private final StagingTable table;
    private final RowKeys keys;

    StagedDefaults(JdbcClient jdbc, JdbcTemplate template, JobRef job) {
        this.jdbc = jdbc;
        this.template = template;
        this.job = job;
        this.table = StagingTable.of(job.kind());
        this.keys = RowKeys.of(job.kind());
    }

    /**
     * @param field the spec field (one the file has a column for; never a family)
     * @param value the default as the parser makes it (canonical, never null)
     * @return staged rows filled
     */
    long fill(String field, String value) {
        int index = table.fields().indexOf(field);
        // the column's own type, from the catalog: the value is cast to it as the ingest's COPY would read it
        String type = jdbc.sql("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid ="
                        + " CAST(:table AS regclass) AND attname = :field AND NOT attisdropped")
                .param("table", table.name()).param("field", field).query(String.class).single();
        String set = field + " = CAST(? AS " + type + ")";
        if (!feedsKeys(index)) {
            return jdbc.sql("UPDATE " + table.name() + " SET " + set.replace("?", ":value") + " WHERE job_id = :job"
                            + " AND " + field + " IS NULL")
                    .param("value", value).param("job", job.id()).update();
        }
        StringBuilder columns = new StringBuilder("row_number");
        table.fields().forEach(f -> columns.append(", CAST(").append(f).append(" AS text)"));
        StringBuilder update = new StringBuilder("UPDATE " + table.name() + " SET " + set + ", match_key = ?");
        keys.derivedColumns().forEach(c -> update.append(", ").append(c).append(" = ?"));
        update.append(" WHERE job_id = ? AND row_number = ?");
        long filled = 0;
        long after = 0;
        while (true) {
            List<Object[]> rows = jdbc.sql("SELECT " + columns + " FROM " + table.name() + " WHERE job_id = :job AND "
                            + field + " IS NULL AND row_number > :after ORDER BY row_number LIMIT " + CHUNK)
                    .param("job", job.id()).param("after", after)
                    .query((rs, n) -> {
                        String[] values = new String[table.fields().size()];
                        for (int i = 0; i < values.length; i++) {
                            values[i] = rs.getString(i + 2);
                        }
                        values[index] = value;
                        return keyed(value, rs.getLong(1), values);
                    }).list();
            if (rows.isEmpty()) {
                return filled;
            }
            template.batchUpdate(update.toString(), rows);
            filled += rows.size();
            after = (Long) rows.get(rows.size() - 1)[rows.get(0).length - 1];
        }
    }

    /** The update's parameters: the value, the new match key and derived columns, the job, the row (last). */
    private Object[] keyed(String value, long row, String[] values) {
        String[] derived = new String[keys.derivedColumns().size()];
        keys.derive(values, derived);
        List<Object> params = new ArrayList<>();
        params.add(value);
        params.add(keys.matchKey(values));
        params.addAll(Arrays.asList(derived));
        params.add(job.id());
        params.add(row);
        return params.toArray();
    }

    /**
     * Whether the field can change a row's match key or derived columns: tried on rows of no values and of some,
     * since a key may read a field only when another is empty (a product's name and brand without sku or barcode).
     */
    private boolean feedsKeys(int index) {
        for (String base : Arrays.asList(null, "x")) {
            String[] without = new String[table.fields().size()];
            Arrays.fill(without, base);
            without[index] = null;
            String[] with = without.clone();
            with[index] = "y";
            if (!Objects.equals(keys.matchKey(without), keys.matchKey(with))
                    || !derived(without).equals(derived(with))) {
                return true;
            }
        }
        return false;
    }

    private List<String> derived(String[] values) {
        String[] out = new String[keys.derivedColumns().size()];
        keys.derive(values, out);
        return Arrays.asList(out);
    }
}
