package com.bulkimport.db;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A {@code DATABASE_URL} as platforms hand it out ({@code postgres://user:pass@host:port/db?sslmode=require},
 * Heroku, Render, Fly, Supabase) turned into what the JDBC driver takes: a {@code jdbc:postgresql://} URL
 * without credentials, and the user and password apart (percent-decoded, so a password may hold any character).
 */
public record DatabaseUrl(String jdbcUrl, String user, String password) {

    /** @return empty when {@code url} is not of the postgres:// form (a JDBC URL is used as it is) */
    public static Optional<DatabaseUrl> parse(String url) {
        if (url == null || !(url.startsWith("postgres://") || url.startsWith("postgresql://"))) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("DATABASE_URL is not a valid postgres:// URL: " + e.getReason());
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("DATABASE_URL names no host: expected postgres://user:password@host:port/database");
        }
        String database = uri.getRawPath() == null || uri.getRawPath().length() <= 1 ? "postgres" : uri.getRawPath().substring(1);
        String jdbc = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + "/" + database
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String user = null;
        String password = null;
        String info = uri.getRawUserInfo();
        if (info != null && !info.isEmpty()) {
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
        }
        return Optional.of(new DatabaseUrl(jdbc, user, password));
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + jdbcUrl + ", user=" + user + ", password=" + (password == null ? "none" : "***") + "]";
    }
}
