package io.hookline.schemas.serde;

import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 refuses to instantiate classes it was not told to trust, and it instantiates a generated enum as soon as
 * a builder fills in a field's default symbol (e.g. {@code DeliveryTask.ordering}), which may come before any serde
 * is made. So the trust is given when Avro itself starts: {@link Hook} is a service Avro loads when its
 * {@code LogicalTypes} class initialises, which it does the first time any schema is parsed (each generated class
 * parses its own), before a record or symbol can exist. The serde and the states call {@link #ensure} as well.
 */
public final class TrustedClasses {

    static {
        ClassSecurityValidator.ClassSecurityPredicate ours = c -> c.getName().startsWith("io.hookline.schemas.avro.");
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), ours));
    }

    private TrustedClasses() {
    }

    /** Trusts our generated classes, once per JVM (this class's initialisation). */
    public static void ensure() {
        // the static initialiser did it
    }

    /**
     * Listed in {@code META-INF/services} only for its loading: it names a logical type no schema uses, and
     * makes none.
     */
    public static final class Hook implements LogicalTypes.LogicalTypeFactory {

        public Hook() {
            ensure();
        }

        @Override
        public LogicalType fromSchema(Schema schema) {
            return null;
        }

        @Override
        public String getTypeName() {
            return "io.hookline.trusted-classes";
        }
    }
}
