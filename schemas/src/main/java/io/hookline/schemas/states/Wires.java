package io.hookline.schemas.states;

import io.hookline.schemas.serde.TrustedClasses;
import java.util.Locale;

/**
 * Each state enum's wire strings and Avro symbols, and back from a symbol, made once per enum: {@link WireValue#wire},
 * {@link WireValue#symbol} and {@link WireValue#of(Class, Enum)} are on every delivery's path. A constant without a symbol of the same name fails
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

    /** By a symbol's ordinal, the constant whose wire string is that symbol's name (null for a symbol with none). */
    private static final ClassValue<Enum<?>[]> BY_SYMBOL = new ClassValue<>() {
        @Override
        protected Enum<?>[] computeValue(Class<?> type) {
            Object[] values = type.getEnumConstants();
            Enum<?>[] symbols = ((WireValue<?>) values[0]).symbolType().getEnumConstants();
            Enum<?>[] byOrdinal = new Enum<?>[symbols.length];
            for (Object value : values) {
                byOrdinal[symbol((Enum<?>) value).ordinal()] = (Enum<?>) value;
            }
            return byOrdinal;
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

    /** The constant of {@code type} that a record's symbol stands for; null for a symbol with none. */
    static <E extends Enum<E>> E ofSymbol(Class<E> type, Enum<?> symbol) {
        return type.cast(BY_SYMBOL.get(type)[symbol.ordinal()]);
    }

    private static <S extends Enum<S>> S symbolOf(WireValue<S> value) {
        return Enum.valueOf(value.symbolType(), value.wire());
    }
}
