package org.rdpdiag.web;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token that a form posted to this server must carry: a random value signed with a key that
 * lives as long as the server, sent both as a cookie (SameSite=Strict) and as a hidden field. A
 * page of another site can make a browser post here, but can neither read the cookie nor sign a
 * value of its own, so its post is refused. Nothing is stored per visitor.
 */
final class Csrf {
    static final String COOKIE = "rdpdiag-csrf";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final byte[] key = new byte[32];

    Csrf() {
        RANDOM.nextBytes(key);
    }

    /** The visitor's token if the request carries a valid one, else a new one set as a cookie on the response. */
    String tokenFor(Call call) {
        String current = cookie(call);
        if (current != null && valid(current)) {
            return current;
        }
        byte[] nonce = new byte[18];
        RANDOM.nextBytes(nonce);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
        String token = value + "." + sign(value);
        call.header("Set-Cookie", COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict");
        return token;
    }

    String field(String token) {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + token + "\">\n";
    }

    /** Refuses the post (403) unless its field and its cookie hold the same valid token and no other site sent it. */
    void check(Call call, String field) {
        String origin = call.header("Origin");
        String host = call.header("Host");
        if (origin != null && !origin.equals("null") && host != null && !origin.equals("http://" + host)) {
            throw HttpFailure.of(403, "this form was sent from another site (" + origin + ")");
        }
        String cookie = cookie(call);
        if (field == null || cookie == null || !valid(field) || !MessageDigest.isEqual(
                field.getBytes(StandardCharsets.US_ASCII), cookie.getBytes(StandardCharsets.US_ASCII))) {
            throw HttpFailure.of(403, "the form's security token is missing or out of date: reload the start page and send it again");
        }
    }

    private boolean valid(String token) {
        int dot = token.indexOf('.');
        return dot > 0 && MessageDigest.isEqual(sign(token.substring(0, dot)).getBytes(StandardCharsets.US_ASCII),
                token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(value.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static String cookie(Call call) {
        String header = call.header("Cookie");
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            String p = part.strip();
            if (p.startsWith(COOKIE + "=")) {
                return p.substring(COOKIE.length() + 1);
            }
        }
        return null;
    }
}
