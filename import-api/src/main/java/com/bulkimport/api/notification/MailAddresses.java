package com.bulkimport.api.notification;

import java.util.List;
import java.util.regex.Pattern;

/** Mail addresses as notifications take them: the job option {@code notify.email} and a user's default. */
public final class MailAddresses {

    public static final int MAX = 10;
    /** RFC 5321's longest path (256) less its angle brackets. */
    public static final int MAX_LENGTH = 254;
    /** A plain address: no display name, no comment, no quoted local part, a dotted domain. */
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}"
            + "@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    private MailAddresses() {
    }

    /** Adds a problem per bad address (or one for too many) to {@code problems}, naming the field. */
    public static void check(String name, List<String> addresses, List<String> problems) {
        if (addresses.size() > MAX) {
            problems.add(name + " has " + addresses.size() + " addresses; the limit is " + MAX);
            return;
        }
        for (String address : addresses) {
            if (address == null || address.length() > MAX_LENGTH || !ADDRESS.matcher(address).matches()) {
                String shown = address == null ? "null" : address.length() > 100 ? address.substring(0, 100) + "…"
                        : address.replaceAll("\\p{Cntrl}", "?");
                problems.add(name + ": '" + shown + "' is not a mail address (like name@example.com)");
            }
        }
    }
}
