package com.bulkimport.relay;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import java.util.Map;

@SpringBootApplication
@ConfigurationPropertiesScan
public class RelayApplication {

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(RelayApplication.class);
        app.setDefaultProperties(Map.of("spring.config.name", "outbox-relay"));
        app.run(args);
    }
}
