package com.bulkimport.api.support;

import java.util.List;

/** Who a test acts as: the same demo identities the local stack's sign-in has. */
public record TestUser(String subject, String tenant, List<String> roles) {

    public static final TestUser ALICE = new TestUser("alice", "acme", List.of("user"));
    /** Alice's colleague: same tenant, different user. */
    public static final TestUser CAROL = new TestUser("carol", "acme", List.of("user"));
    public static final TestUser BOB = new TestUser("bob", "globex", List.of("user"));
    public static final TestUser ADMIN = new TestUser("admin", "ops", List.of("user", "admin"));

    public static TestUser named(String subject, String tenant) {
        return new TestUser(subject, tenant, List.of("user"));
    }
}
