package io.hookline.standalone.cli;

/** A mistake in a command's use, told to the person at the terminal without a stack trace. */
public final class CliException extends RuntimeException {

    public CliException(String message) {
        super(message);
    }
}
