package com.bulkimport.api.problem;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * What Tomcat itself answers before Spring sees a request (a URL with an encoded slash or a NUL, a
 * header too large): a problem detail like every other error, instead of Tomcat's HTML page with its
 * version and exception text.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"type\":\"" + ProblemTypes.BASE + ProblemTypes.forStatus(status) + "\",\"title\":\""
                        + title + "\",\"status\":" + status + ",\"detail\":\"the request was refused before it reached"
                        + " the API: " + title.toLowerCase() + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client has gone; nothing more to say
        }
    }
}
