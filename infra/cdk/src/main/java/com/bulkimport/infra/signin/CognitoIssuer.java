package com.bulkimport.infra.signin;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An issuer URI that names a Cognito user pool: {@code https://cognito-idp.<region>.amazonaws.com/<pool id>}. */
public record CognitoIssuer(String region, String userPoolId) {

    private static final Pattern URI = Pattern.compile(
            "https://cognito-idp\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?/(([a-z0-9-]+)_[A-Za-z0-9]+)/?");

    public static Optional<CognitoIssuer> of(String issuerUri) {
        if (issuerUri == null) {
            return Optional.empty();
        }
        Matcher m = URI.matcher(issuerUri);
        if (!m.matches()) {
            return Optional.empty();
        }
        if (!m.group(1).equals(m.group(3))) {
            throw new IllegalArgumentException("issuerUri " + issuerUri + ": the user pool id names region " + m.group(3)
                    + ", the host " + m.group(1));
        }
        return Optional.of(new CognitoIssuer(m.group(1), m.group(2)));
    }
}
