package com.bulkimport.api.mapping;

import com.bulkimport.model.spec.HeaderNames;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.TreeSet;

/**
 * What identifies a header for a remembered mapping: sha-256 (hex) of its distinct names, normalized as a mapping
 * compares them ({@link HeaderNames}), sorted. Order-insensitive on purpose: a mapping goes by header name, so the
 * same columns in another order read the same way. A full mapping's keys are its header, so a mapping confirmed
 * in the UI (which lists every column) has the signature of the file it was made for.
 */
public final class HeaderSignature {

    private HeaderSignature() {
    }

    public static String of(Collection<String> header) {
        TreeSet<String> names = new TreeSet<>();
        header.forEach(name -> names.add(HeaderNames.normalize(name)));
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(String.join("\n", names).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
