package com.bulkimport.cli;

/** A delivery that does not prove it comes from our webhook: answered 401, never printed. */
final class BadSignature extends Exception {
    BadSignature(String reason) {
        super(reason, null, false, false);
    }
}
