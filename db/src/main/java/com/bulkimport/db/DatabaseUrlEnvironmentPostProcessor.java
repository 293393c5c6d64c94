package com.bulkimport.db;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lets every service take {@code DATABASE_URL} in the postgres:// form as well as the JDBC form: the
 * former becomes {@code spring.datasource.url}, {@code .username} and {@code .password}. Credentials
 * given apart ({@code DATABASE_USER}, {@code DATABASE_PASSWORD}) win over those in the URL.
 */
public class DatabaseUrlEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "bulkimport-database-url";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        DatabaseUrl.parse(environment.getProperty("DATABASE_URL")).ifPresent(url -> {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("spring.datasource.url", url.jdbcUrl());
            String user = environment.getProperty("DATABASE_USER", url.user() == null ? "" : url.user());
            String password = environment.getProperty("DATABASE_PASSWORD", url.password() == null ? "" : url.password());
            if (!user.isEmpty()) {
                properties.put("spring.datasource.username", user);
            }
            properties.put("spring.datasource.password", password);
            environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, properties));
        });
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
