package com.bulkimport.support.secrets;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Seals secrets before they go into the database and opens them when they are used: AES-256-GCM with a
 * key from configuration ({@code bulkimport.secrets.key}, 32 bytes in base64), so a copy of the database
 * (a snapshot, a dump) does not hold usable signing secrets. Without a key, secrets are kept as they are
 * ({@link #plain()}) and sealed text is refused: a key must then be configured to read them.
 * Sealed text reads {@code sealed:v1:<base64 of nonce and ciphertext>}.
 */
public final class SecretBox {

    private static final String PREFIX = "sealed:v1:";
    private static final int NONCE = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private SecretBox(SecretKeySpec key) {
        this.key = key;
    }

    /** @param base64Key 32 bytes in base64, or blank for no sealing */
    public static SecretBox of(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            return plain();
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bulkimport.secrets.key must be base64", e);
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException("bulkimport.secrets.key must be 32 bytes (base64 of 32 random bytes), not "
                    + bytes.length);
        }
        return new SecretBox(new SecretKeySpec(bytes, "AES"));
    }

    public static SecretBox plain() {
        return new SecretBox(null);
    }

    public boolean seals() {
        return key != null;
    }

    public String seal(String secret) {
        if (key == null) {
            return secret;
        }
        try {
            byte[] nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE);
            System.arraycopy(sealed, 0, out, NONCE, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** @throws IllegalStateException for sealed text without the key that sealed it */
    public String open(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        if (key == null) {
            throw new IllegalStateException("a sealed secret, and no bulkimport.secrets.key to open it");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, NONCE));
            return new String(cipher.doFinal(in, NONCE, in.length - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a sealed secret that this key did not seal (was the key changed?)", e);
        }
    }
}
