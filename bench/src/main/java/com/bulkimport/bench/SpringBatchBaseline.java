package com.bulkimport.bench;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.support.TaskExecutorJobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.ResourcelessJobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcBatchItemWriter;
import org.springframework.batch.infrastructure.item.database.builder.JdbcBatchItemWriterBuilder;
import org.springframework.batch.infrastructure.item.file.FlatFileItemReader;
import org.springframework.batch.infrastructure.item.file.builder.FlatFileItemReaderBuilder;
import org.springframework.batch.core.BatchStatus;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.support.JdbcTransactionManager;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

/**
 * The importer a Spring user would write instead (issue 16, part 7): a Spring Batch 6 chunk job,
 * {@code FlatFileItemReader} → {@code JdbcBatchItemWriter}, chunks of 1,000, each an
 * {@code INSERT … ON CONFLICT (sku, tenant) DO UPDATE … WHERE … IS DISTINCT FROM} into a copy of
 * {@code products} with all its indexes. It is given its best: a pooled connection, batched statements
 * rewritten into multi-row inserts by the driver, no job metadata tables (the resourceless repository).
 * It validates nothing, keeps no row errors, finds no in-file duplicates and announces nothing, all of
 * which our import does, so the ratio is a floor of what the import is worth over it.
 */
final class SpringBatchBaseline {

    /** The same columns as the products file; {@code weight} typed as a Spring Batch reader would map it. */
    record ProductLine(String sku, String barcode, String name, String brand, String category, String description,
                       String imageUrl1, BigDecimal weight) {
    }

    static final String TABLE = "bench_batch_products";

    private static final String UPSERT = """
            INSERT INTO bench_batch_products (sku, barcode, name, brand, category, description, image_url_1, weight)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (sku, tenant) WHERE sku IS NOT NULL DO UPDATE
               SET barcode = EXCLUDED.barcode, name = EXCLUDED.name, brand = EXCLUDED.brand,
                   category = EXCLUDED.category, description = EXCLUDED.description,
                   image_url_1 = EXCLUDED.image_url_1, weight = EXCLUDED.weight, updated_at = now()
             WHERE (bench_batch_products.barcode, bench_batch_products.name, bench_batch_products.brand,
                    bench_batch_products.category, bench_batch_products.description,
                    bench_batch_products.image_url_1, bench_batch_products.weight)
                   IS DISTINCT FROM (EXCLUDED.barcode, EXCLUDED.name, EXCLUDED.brand, EXCLUDED.category,
                    EXCLUDED.description, EXCLUDED.image_url_1, EXCLUDED.weight)""";

    private SpringBatchBaseline() {
    }

    /**
     * Runs the job on {@code csv} into a fresh copy of products ({@code productsLikeDdl} names it
     * {@link #TABLE}), checks every row arrived, drops the table and answers rows per second.
     */
    static double run(String jdbcUrl, Path csv, long rows, String productsLikeDdl) throws Exception {
        try (HikariDataSource dataSource = dataSource(jdbcUrl)) {
            execute(dataSource, productsLikeDdl);
            JobRepository repository = new ResourcelessJobRepository();
            Job job = new JobBuilder("products-import", repository).start(step(repository, dataSource, csv)).build();
            TaskExecutorJobOperator operator = new TaskExecutorJobOperator();
            operator.setJobRepository(repository);
            operator.setJobRegistry(new MapJobRegistry());
            operator.afterPropertiesSet();
            long start = System.nanoTime();
            JobExecution execution = operator.start(job, new JobParameters());
            double seconds = (System.nanoTime() - start) / 1e9;
            if (execution.getStatus() != BatchStatus.COMPLETED) {
                throw new IllegalStateException("the Spring Batch job ended " + execution.getStatus() + ": "
                        + execution.getAllFailureExceptions());
            }
            long written = execution.getStepExecutions().stream().mapToLong(StepExecution::getWriteCount).sum();
            if (written != rows) {
                throw new IllegalStateException("the Spring Batch job wrote " + written + " rows, expected " + rows);
            }
            execute(dataSource, "DROP TABLE " + TABLE);
            return rows / seconds;
        }
    }

    private static Step step(JobRepository repository, DataSource dataSource, Path csv) {
        FlatFileItemReader<ProductLine> reader = new FlatFileItemReaderBuilder<ProductLine>()
                .name("products-file")
                .resource(new FileSystemResource(csv))
                .linesToSkip(1)
                .delimited()
                .names("sku", "barcode", "name", "brand", "category", "description", "imageUrl1", "weight")
                .targetType(ProductLine.class)
                .build();
        JdbcBatchItemWriter<ProductLine> writer = new JdbcBatchItemWriterBuilder<ProductLine>()
                .dataSource(dataSource)
                .sql(UPSERT)
                .itemPreparedStatementSetter((line, statement) -> {
                    statement.setString(1, line.sku());
                    statement.setString(2, line.barcode());
                    statement.setString(3, line.name());
                    statement.setString(4, line.brand());
                    statement.setString(5, line.category());
                    statement.setString(6, line.description());
                    statement.setString(7, line.imageUrl1());
                    statement.setBigDecimal(8, line.weight());
                })
                // the upsert that changed nothing updates no row: that is not a failed write
                .assertUpdates(false)
                .build();
        return new StepBuilder("load", repository).<ProductLine, ProductLine>chunk(1000)
                .transactionManager(new JdbcTransactionManager(dataSource))
                .reader(reader)
                .writer(writer)
                .build();
    }

    private static HikariDataSource dataSource(String jdbcUrl) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true");
        dataSource.setUsername("postgres");
        dataSource.setPassword("postgres");
        dataSource.setMaximumPoolSize(2);
        return dataSource;
    }

    private static void execute(DataSource dataSource, String sql) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
