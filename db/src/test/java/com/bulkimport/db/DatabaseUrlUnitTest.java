package com.bulkimport.db;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseUrlUnitTest {

    @Test
    void aPostgresUrlBecomesAJdbcUrlWithItsCredentialsApartAndDecoded() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://importer:p%40ss%3Aw0rd%2F@db.example.com:6543/bulk?sslmode=require")
                .orElseThrow();
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6543/bulk?sslmode=require");
        assertThat(url.user()).isEqualTo("importer");
        assertThat(url.password()).isEqualTo("p@ss:w0rd/");
        assertThat(url.toString()).doesNotContain("p@ss");
    }

    @Test
    void theSchemeMayBePostgresqlAndPortUserAndDatabaseMayBeLeftOut() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://db.internal").orElseThrow();
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal/postgres");
        assertThat(url.user()).isNull();
        assertThat(url.password()).isNull();
        assertThat(DatabaseUrl.parse("postgres://only-user@h:5432/d").orElseThrow())
                .isEqualTo(new DatabaseUrl("jdbc:postgresql://h:5432/d", "only-user", null));
    }

    @Test
    void aJdbcUrlOrNothingIsLeftAlone() {
        assertThat(DatabaseUrl.parse("jdbc:postgresql://127.0.0.1:15432/postgres")).isEmpty();
        assertThat(DatabaseUrl.parse(null)).isEmpty();
    }

    @Test
    void aBrokenUrlIsRefusedWithAReasonNotASilentDefault() {
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres://user:pw@/nohost"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names no host");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres://bad host/db"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid postgres:// URL");
    }

    @Test
    void everyServiceRunsThePostProcessor() throws java.io.IOException {
        // every jar has its own spring.factories; Boot reads them all
        java.util.List<String> registered = new java.util.ArrayList<>();
        var resources = getClass().getClassLoader().getResources("META-INF/spring.factories");
        while (resources.hasMoreElements()) {
            java.util.Properties factories = new java.util.Properties();
            try (var in = resources.nextElement().openStream()) {
                factories.load(in);
            }
            registered.add(factories.getProperty("org.springframework.boot.EnvironmentPostProcessor", ""));
        }
        assertThat(registered).anyMatch(names -> names.contains(DatabaseUrlEnvironmentPostProcessor.class.getName()));
    }

    @Test
    void theServicesDatasourceFollowsAPostgresDatabaseUrlAndExplicitCredentialsWin() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addLast(new MapPropertySource("env", Map.of(
                "DATABASE_URL", "postgres://u:secret@pg:5432/app", "DATABASE_USER", "override")));
        new DatabaseUrlEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://pg:5432/app");
        assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("override");
        assertThat(environment.getProperty("spring.datasource.password")).isEqualTo("secret");

        StandardEnvironment jdbc = new StandardEnvironment();
        jdbc.getPropertySources().addLast(new MapPropertySource("env", Map.of("DATABASE_URL", "jdbc:postgresql://x/y")));
        new DatabaseUrlEnvironmentPostProcessor().postProcessEnvironment(jdbc, new SpringApplication());
        assertThat(jdbc.getPropertySources().contains(DatabaseUrlEnvironmentPostProcessor.SOURCE)).isFalse();
    }
}
