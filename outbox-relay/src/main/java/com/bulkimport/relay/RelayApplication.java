package com.bulkimport.relay;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.util.Map;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class RelayApplication {

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(RelayApplication.class);
        app.setDefaultProperties(Map.of("spring.config.name", "outbox-relay"));
        app.run(args);
    }
}
