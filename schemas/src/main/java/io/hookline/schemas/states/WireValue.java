package io.hookline.schemas.states;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A state as records carry it on the wire: its enum constant's name in lower case (see package-info for the
 * compatibility rules). {@link #is} compares a record's string with it; {@link #of} reads one, empty for a value
 * this build does not know (a newer writer's, or none), which every caller handles explicitly.
 */
public interface WireValue {

    /** The string records carry: the constant's name in lower case. */
    default String wire() {
        return Wires.of((Enum<?>) this);
    }

    /** Whether a record's string is this value; false for null. */
    default boolean is(String wire) {
        return wire != null && wire().equals(wire);
    }

    /** The value of {@code type} that {@code wire} is, or empty when it is none of them (or null). */
    static <E extends Enum<E> & WireValue> Optional<E> of(Class<E> type, String wire) {
        return Arrays.stream(type.getEnumConstants()).filter(value -> value.is(wire)).findFirst();
    }

    /** Every wire string of {@code type}, in the enum's order. */
    static <E extends Enum<E> & WireValue> Set<String> wires(Class<E> type) {
        Set<String> wires = new LinkedHashSet<>();
        for (E value : type.getEnumConstants()) {
            wires.add(value.wire());
        }
        return Collections.unmodifiableSet(wires);
    }
}
