package com.bulkimport.local.web;

import com.bulkimport.local.LocalStack;
import com.bulkimport.local.SharedStack;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A browser test class: the local stack this JVM's test classes share ({@link SharedStack}). */
abstract class StackBrowserTest {

    static LocalStack stack;
    static JdbcClient jdbc;

    @BeforeAll
    static void startStack() {
        stack = SharedStack.get();
        jdbc = stack.api().getBean(JdbcClient.class);
    }
}
