package com.bulkimport.local.web;

import com.bulkimport.local.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A browser test class: the whole local stack started once for its tests (test classes run one at a time). */
abstract class StackBrowserTest {

    static LocalStack stack;
    static JdbcClient jdbc;

    @BeforeAll
    static void startStack() {
        stack = UiSteps.startStack();
        jdbc = stack.api().getBean(JdbcClient.class);
    }

    @AfterAll
    static void stopStack() {
        stack.close();
    }
}
