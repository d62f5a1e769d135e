package io.hookline.deliverer.request;

/** A task whose request cannot be signed (no secret, or one that cannot be decrypted): nothing is sent. */
public final class UnsignableException extends RuntimeException {

    UnsignableException(String message, Throwable cause) {
        super(message, cause);
    }
}
