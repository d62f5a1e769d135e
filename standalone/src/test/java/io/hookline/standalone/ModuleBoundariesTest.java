package io.hookline.standalone;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.hookline.standalone.cli.ForbiddenImportSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Modules talk through topics, never through each other's classes (STYLE.md): each module may use, of
 * Hookline's own classes, only its own and the shared ones; only the standalone (outside its CLI) puts the
 * components together.
 */
class ModuleBoundariesTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.hookline");

    /** What every module may use: the records, serdes, topic catalog and record-level contracts. */
    private static final String SHARED = "io.hookline.schemas..";
    private static final String KAFKA = "io.hookline.kafka..";

    /** Each module's packages, and the Hookline packages it may use besides its own and {@link #SHARED}. */
    private static final Map<String, List<String>> MAY_USE = Map.of(
            "io.hookline.schemas..", List.of(),
            "io.hookline.embedded..", List.of(),
            // the Kafka plumbing and platform settings every component shares, and no component's classes
            "io.hookline.kafka..", List.of(),
            "io.hookline.gateway..", List.of(KAFKA),
            "io.hookline.router..", List.of(KAFKA),
            "io.hookline.deliverer..", List.of(KAFKA),
            "io.hookline.executor..", List.of(KAFKA),
            // the CLI writes and reads topics like any component, and may start a local dev cluster
            "io.hookline.standalone.cli..", List.of(KAFKA, "io.hookline.embedded.."));

    static List<String> modules() {
        return List.copyOf(MAY_USE.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void shouldKeepEachModuleOffTheOthers(String module) {
        rule(module).check(CLASSES);
    }

    @Test
    void shouldFindEveryModuleOnTheClasspath() {
        // a rule over a package with no classes would pass whatever it says
        assertThat(modules()).allSatisfy(module ->
                assertThat(CLASSES.stream().anyMatch(c -> c.getPackageName().startsWith(module.replace("..", "")))).as(module).isTrue());
    }

    @Test
    void shouldKeepSchemasFreeOfSpring() {
        noClasses().that().resideInAPackage("io.hookline.schemas..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
                .check(CLASSES);
    }

    @Test
    void shouldFailOnAForbiddenImport() {
        // given a CLI class (test sources) that imports a gateway class
        JavaClasses sample = new ClassFileImporter().importClasses(ForbiddenImportSample.class);

        // when
        EvaluationResult result = rule("io.hookline.standalone.cli..").evaluate(sample);

        // then
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anySatisfy(line -> assertThat(line).contains("io.hookline.gateway"));
    }

    private static ArchRule rule(String module) {
        List<String> allowed = new ArrayList<>(List.of(module, SHARED));
        allowed.addAll(MAY_USE.get(module));
        return noClasses().that().resideInAPackage(module)
                .should().dependOnClassesThat(resideInAPackage("io.hookline..").and(resideOutsideOfPackages(allowed.toArray(String[]::new))))
                .as(module + " may use only " + allowed + " of Hookline's classes");
    }
}
