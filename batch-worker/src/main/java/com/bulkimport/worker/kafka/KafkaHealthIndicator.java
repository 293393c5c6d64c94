package com.bulkimport.worker.kafka;

import com.bulkimport.worker.queue.WorkTransport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

import java.util.concurrent.TimeUnit;

/**
 * {@code kafka} in readiness when the worker reads Kafka (the readiness group includes the transport
 * by name): the cluster answers DescribeCluster within a short timeout, so a probe never hangs on a
 * broker that is away.
 */
@Component("kafkaHealthIndicator")
@WorkTransport.Kafka
class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

    private static final int TIMEOUT_MS = 3_000;

    private final Admin admin;

    KafkaHealthIndicator(KafkaWorkProperties kafka) {
        super("Kafka health check failed");
        this.admin = Admin.create(KafkaClients.admin(kafka));
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS));
        int brokers = cluster.nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).size();
        builder.up().withDetail("brokers", brokers).withDetail("cluster_id",
                cluster.clusterId().get(TIMEOUT_MS, TimeUnit.MILLISECONDS));
    }

    @Override
    public void destroy() {
        admin.close();
    }
}
