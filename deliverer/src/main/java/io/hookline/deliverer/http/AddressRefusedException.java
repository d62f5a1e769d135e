package io.hookline.deliverer.http;

import java.net.ConnectException;

/** A connection the address policy forbids; it is never opened. */
final class AddressRefusedException extends ConnectException {

    AddressRefusedException(String reason) {
        super(reason);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // an expected, explained refusal: the stack says nothing
    }
}
