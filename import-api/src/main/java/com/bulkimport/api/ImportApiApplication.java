package com.bulkimport.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ImportApiApplication {

    /** Each service reads its own {@code <name>.yml}, so all three can share one classpath in the local stack. */
    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(ImportApiApplication.class);
        app.setDefaultProperties(java.util.Map.of("spring.config.name", "import-api"));
        app.run(args);
    }
}
