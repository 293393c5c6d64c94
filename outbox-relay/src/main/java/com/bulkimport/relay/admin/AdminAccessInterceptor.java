package com.bulkimport.relay.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/** Asks {@link AdminAccess} before any admin handler runs, and leaves the actor for the handler. */
@Component
class AdminAccessInterceptor implements HandlerInterceptor {

    static final String ACTOR = "bulkimport.admin.actor";

    private final AdminAccess access;

    AdminAccessInterceptor(@Lazy AdminAccess access) {
        this.access = access;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        AdminAccess.Action action = switch (request.getMethod()) {
            case "GET", "HEAD", "OPTIONS" -> AdminAccess.Action.READ;
            case "DELETE" -> AdminAccess.Action.PURGE;
            default -> AdminAccess.Action.REPLAY;
        };
        request.setAttribute(ACTOR, access.check(request, action));
        return true;
    }
}
