package com.bulkimport.relay;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.util.Map;

/**
 * The relay. It never imports (docs/architecture.md, Modules), so it never takes the engine's beans either:
 * in one JVM with the engine on the class path (the local stack, the benchmarks' jar) they would otherwise
 * be configured here too, and fail for want of an event source this service does not have.
 */
@SpringBootApplication(excludeName = "com.bulkimport.engine.EngineAutoConfiguration")
@ConfigurationPropertiesScan
@EnableScheduling
public class RelayApplication {

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(RelayApplication.class);
        app.setDefaultProperties(Map.of("spring.config.name", "outbox-relay"));
        app.run(args);
    }
}
