package com.bulkimport.worker.queue;

import com.bulkimport.worker.WorkerApplication;
import com.bulkimport.worker.deadletter.DeadLetterConsumer;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A worker JVM that starts with its consumers stopped ({@code bulkimport.worker.enabled=false}) and
 * starts them when the line {@code go} arrives on stdin ({@code exit} ends it). A test can so have the
 * next worker up before it kills the current one: a JVM takes seconds to start, the switch milliseconds.
 */
public final class StandbyWorkerMain {

    private StandbyWorkerMain() {
    }

    public static void main(String[] args) throws IOException {
        ConfigurableApplicationContext context = SpringApplication.run(WorkerApplication.class, args);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String command = in.readLine();
        if ("go".equals(command)) {
            context.getBean(SqsWorkConsumer.class).start();
            context.getBean(DeadLetterConsumer.class).start();
        } else if ("exit".equals(command)) {
            // a normal exit: the JVM writes the class data archive it was asked for (ChildWorker#shareClasses)
            System.exit(SpringApplication.exit(context));
        }
        // the web server's threads keep the process alive until it is killed
    }
}
