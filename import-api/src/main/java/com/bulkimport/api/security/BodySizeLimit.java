package com.bulkimport.api.security;

import com.bulkimport.api.importjob.ImportLimits;
import com.bulkimport.api.problem.BodyTooLarge;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Caps request bodies under {@code /api}: a declared {@code Content-Length} above the limit is
 * refused before anything is read; a chunked body stops being read at the limit. The multipart
 * upload is the one exception: it carries a whole file, which its handler streams to storage and
 * holds to the file size limit itself. Which path a request is on is decided on the path the container
 * decoded and normalized to map it, as the URL pattern and Spring Security's matchers see it: the raw URI
 * may spell {@code /api} as {@code /%61pi} and still reach the controllers.
 */
final class BodySizeLimit extends OncePerRequestFilter {

    static final String FILE_UPLOAD = "/api/import/purchases";

    private final ImportLimits limits;

    BodySizeLimit(ImportLimits limits) {
        this.limits = limits;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        return !path.startsWith("/api/") || path.equals(FILE_UPLOAD);
    }

    /** The decoded, normalized path within the application (servlet path and path info), never the raw URI. */
    static String path(HttpServletRequest request) {
        String info = request.getPathInfo();
        return request.getServletPath() + (info == null ? "" : info);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long max = limits.maxJsonBody().toBytes();
        if (request.getContentLengthLong() > max) {
            refuse(response, limits);
            return;
        }
        chain.doFilter(new Capped(request, max, limits), response);
    }

    /** 413 body-too-large as a problem detail, written before (or instead of) any handler. */
    static void refuse(HttpServletResponse response, ImportLimits limits) throws IOException {
        BodyTooLarge problem = new BodyTooLarge(limits.maxJsonBody());
        ProblemResponses.write(response, HttpStatus.CONTENT_TOO_LARGE, problem.slug(), problem.title(),
                problem.getMessage());
    }

    private static final class Capped extends HttpServletRequestWrapper {
        private final long max;
        private final ImportLimits limits;
        private ServletInputStream stream;

        Capped(HttpServletRequest request, long max, ImportLimits limits) {
            super(request);
            this.max = max;
            this.limits = limits;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                SizeCap capped = new SizeCap(in, max, () -> new BodyTooLarge(limits.maxJsonBody()));
                stream = new ServletInputStream() {
                    @Override
                    public int read() throws IOException {
                        return capped.read();
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        return capped.read(buffer, offset, length);
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }

}
