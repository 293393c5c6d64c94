package com.bulkimport.support.problem;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * {@link AdminProblemHandler} for a service without a problem handler of its own (the relay and the worker;
 * import-api has one). Before Boot's MVC configuration, whose plain problem-details handler would otherwise
 * take the place.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ProblemHandling {

    @Bean
    @ConditionalOnMissingBean(ResponseEntityExceptionHandler.class)
    AdminProblemHandler adminProblemHandler() {
        return new AdminProblemHandler();
    }
}
