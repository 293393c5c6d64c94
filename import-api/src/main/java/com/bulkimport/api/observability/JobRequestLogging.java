package com.bulkimport.api.observability;

import com.bulkimport.support.logging.JobLogContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.Map;
import java.util.UUID;

/**
 * A log scope around every job request: {@code job_id} from the path at once (so even a refusal is
 * logged under its job), {@code trace_id} once the service has found or created the job
 * ({@link JobLogContext#current}). The scope ends with the request, so Tomcat's pooled threads carry
 * nothing into the next one.
 */
@Configuration(proxyBeanMethods = false)
class JobRequestLogging implements WebMvcConfigurer {

    private static final String SCOPE = JobRequestLogging.class.getName() + ".scope";

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                JobLogContext scope = JobLogContext.open().put(JobLogContext.JOB_ID, jobId(request));
                request.setAttribute(SCOPE, scope);
                return true;
            }

            @Override
            public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                        Exception ex) {
                if (request.getAttribute(SCOPE) instanceof JobLogContext scope) {
                    scope.close();
                }
            }
        }).addPathPatterns("/api/imports", "/api/imports/**");
    }

    /** The path's job id, when it is one (a malformed id is the controller's to refuse, not ours to log). */
    private static String jobId(HttpServletRequest request) {
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
                && variables.get("id") instanceof String id) {
            try {
                return UUID.fromString(id).toString();
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }
}
