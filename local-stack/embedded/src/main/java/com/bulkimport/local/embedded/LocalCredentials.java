package com.bulkimport.local.embedded;

/**
 * Demo credentials of the local servers only. They protect nothing but loopback servers that live
 * as long as the process; production reads real credentials from the AWS default chain.
 */
public final class LocalCredentials {

    public static final String REGION = "us-east-1";
    public static final String ACCESS_KEY = "local-access-key";
    public static final String SECRET_KEY = "local-secret-key";
    public static final String ACCOUNT = "000000000000";

    private LocalCredentials() {
    }
}
