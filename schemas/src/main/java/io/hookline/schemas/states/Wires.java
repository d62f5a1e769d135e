package io.hookline.schemas.states;

import io.hookline.schemas.serde.TrustedClasses;
import java.util.Locale;

/**
 * Each state enum's wire strings and Avro symbols, made once per enum: {@link WireValue#wire} and
 * {@link WireValue#symbol} are on every delivery's path. A constant without a symbol of the same name fails
 * here, when the enum is first used, not when a record is written.
 */
final class Wires {

    static {
        TrustedClasses.ensure(); // the symbols are generated classes, which Avro instantiates only when trusted
    }

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

    private static final ClassValue<Enum<?>[]> SYMBOLS = new ClassValue<>() {
        @Override
        protected Enum<?>[] computeValue(Class<?> type) {
            Object[] values = type.getEnumConstants();
            Enum<?>[] symbols = new Enum<?>[values.length];
            for (int i = 0; i < values.length; i++) {
                symbols[i] = symbolOf((WireValue<?>) values[i]);
            }
            return symbols;
        }
    };

    private Wires() {
    }

    static String of(Enum<?> value) {
        return STRINGS.get(value.getDeclaringClass())[value.ordinal()];
    }

    static Enum<?> symbol(Enum<?> value) {
        return SYMBOLS.get(value.getDeclaringClass())[value.ordinal()];
    }

    private static <S extends Enum<S>> S symbolOf(WireValue<S> value) {
        return Enum.valueOf(value.symbolType(), value.wire());
    }
}
