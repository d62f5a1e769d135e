package io.hookline.schemas.states;

import java.util.Locale;

/** Each state enum's wire strings, made once per enum: {@link WireValue#wire} is on every delivery's path. */
final class Wires {

    private static final ClassValue<String[]> STRINGS = new ClassValue<>() {
        @Override
        protected String[] computeValue(Class<?> type) {
            Object[] values = type.getEnumConstants();
            String[] wires = new String[values.length];
            for (int i = 0; i < values.length; i++) {
                wires[i] = ((Enum<?>) values[i]).name().toLowerCase(Locale.ROOT);
            }
            return wires;
        }
    };

    private Wires() {
    }

    static String of(Enum<?> value) {
        return STRINGS.get(value.getDeclaringClass())[value.ordinal()];
    }
}
