package io.hookline.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;
import org.apache.avro.LogicalTypes;
import org.apache.avro.util.ClassSecurityValidator;
import org.junit.jupiter.api.Test;

/** A builder may fill in a default enum symbol before any serde exists: Avro must trust our classes from its start. */
class TrustedClassesTest {

    @Test
    void shouldBeAServiceAvroLoadsWhenItStarts() {
        // when Avro looks for its logical type factories, as its LogicalTypes class does on initialisation
        ServiceLoader<LogicalTypes.LogicalTypeFactory> factories = ServiceLoader.load(LogicalTypes.LogicalTypeFactory.class);

        // then the hook is among them, and once loaded our generated classes are trusted
        assertThat(factories.stream().map(ServiceLoader.Provider::type)).contains(TrustedClasses.Hook.class);
        assertThat(ClassSecurityValidator.getGlobal().isTrusted(io.hookline.schemas.avro.OrderingSymbol.class)).isTrue();
    }
}
