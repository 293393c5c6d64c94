package com.bulkimport.local.embedded.testkit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/**
 * What this JVM logs while open, with each line's MDC: for tests that check a line was logged under
 * the right job and trace. Attach it after the Spring applications started (each start resets logback).
 */
public final class LogCapture implements AutoCloseable {

    /** One logged line. */
    public record Line(String logger, String level, String thread, String message, Map<String, String> mdc) {

        public String mdc(String key) {
            return mdc.get(key);
        }
    }

    private final Queue<Line> lines = new ConcurrentLinkedQueue<>();
    private final Logger root;
    private final AppenderBase<ILoggingEvent> appender;

    private LogCapture() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                lines.add(new Line(event.getLoggerName(), event.getLevel().toString(), event.getThreadName(),
                        event.getFormattedMessage(), Map.copyOf(event.getMDCPropertyMap())));
            }
        };
        appender.setContext(context);
        appender.setName("log-capture");
        appender.start();
        root.addAppender(appender);
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    public List<Line> lines(Predicate<Line> which) {
        return lines.stream().filter(which).toList();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
