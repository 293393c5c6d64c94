package com.bulkimport.api.caller;

import org.springframework.stereotype.Component;

/**
 * Resolves the caller of the current request. Until sign-in lands every request acts as the local
 * demo user; every query is already scoped by the caller, so sign-in only changes this class.
 */
@Component
public class CurrentCaller {

    static final Caller LOCAL = new Caller("local-user", "local", false);

    public Caller get() {
        return LOCAL;
    }
}
