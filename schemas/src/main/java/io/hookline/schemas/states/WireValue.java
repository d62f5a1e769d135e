package io.hookline.schemas.states;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A state as records carry it: an Avro enum {@code S} on the wire, whose symbols are the lower-case names of this
 * Java enum's constants, the same strings the HTTP API shows (see package-info for the compatibility rules). This
 * interface is the one place a state maps between the two: {@link #symbol} to write, {@link #of(Class, Enum)} to
 * read, and {@link #of(Class, String)} for the strings clients send.
 */
public interface WireValue<S extends Enum<S>> {

    /** The generated Avro enum that carries this state in records. */
    Class<S> symbolType();

    /** The string records carry and the API shows: the constant's name in lower case, its Avro symbol. */
    default String wire() {
        return Wires.of((Enum<?>) this);
    }

    /** The Avro symbol to write into a record. */
    default S symbol() {
        return symbolType().cast(Wires.symbol((Enum<?>) this));
    }

    /** Whether a string (a client's, or JSON's) is this value; false for null. */
    default boolean is(String wire) {
        return wire != null && wire().equals(wire);
    }

    /** Whether a record's symbol is this value; false for null. */
    default boolean is(S symbol) {
        return symbol != null && symbol == symbol();
    }

    /** The value of {@code type} that {@code wire} is, or empty when it is none of them (or null). */
    static <E extends Enum<E> & WireValue<?>> Optional<E> of(Class<E> type, String wire) {
        return Arrays.stream(type.getEnumConstants()).filter(value -> value.is(wire)).findFirst();
    }

    /**
     * The value a record's symbol stands for, or empty for null and for a symbol with no value here (only
     * {@code RoleSymbol.unknown}: the other enums' defaults are values of their own, see package-info).
     */
    static <E extends Enum<E> & WireValue<?>> Optional<E> of(Class<E> type, Enum<?> symbol) {
        return symbol == null ? Optional.empty() : Optional.ofNullable(Wires.ofSymbol(type, symbol));
    }

    /** Every wire string of {@code type}, in the enum's order. */
    static <E extends Enum<E> & WireValue<?>> Set<String> wires(Class<E> type) {
        Set<String> wires = new LinkedHashSet<>();
        for (E value : type.getEnumConstants()) {
            wires.add(value.wire());
        }
        return Collections.unmodifiableSet(wires);
    }
}
