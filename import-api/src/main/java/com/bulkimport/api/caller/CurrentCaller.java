package com.bulkimport.api.caller;

import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The caller of the current request, as sign-in established it. Every query is scoped by the
 * caller, so this is the one place that knows where identities come from.
 */
@Component
public class CurrentCaller {

    public Caller get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof CallerAuthentication signedIn) {
            return signedIn.caller();
        }
        // the security rules let no anonymous request reach a handler that asks for its caller
        throw new AuthenticationCredentialsNotFoundException("this request is not signed in");
    }
}
