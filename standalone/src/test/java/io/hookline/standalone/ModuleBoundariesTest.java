package io.hookline.standalone;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Modules talk through topics, never through each other's classes (STYLE.md). */
class ModuleBoundariesTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.hookline");

    @Test
    void shouldKeepTheGatewayOffTheOtherComponents() {
        noClasses().that().resideInAPackage("io.hookline.gateway..")
                .should().dependOnClassesThat().resideInAnyPackage("io.hookline.router..", "io.hookline.deliverer..", "io.hookline.standalone..")
                .check(CLASSES);
    }

    @Test
    void shouldKeepTheRouterOffTheOtherComponents() {
        noClasses().that().resideInAPackage("io.hookline.router..")
                .should().dependOnClassesThat().resideInAnyPackage("io.hookline.gateway..", "io.hookline.deliverer..", "io.hookline.standalone..")
                .check(CLASSES);
    }

    @Test
    void shouldKeepTheDelivererOffTheOtherComponents() {
        noClasses().that().resideInAPackage("io.hookline.deliverer..")
                .should().dependOnClassesThat().resideInAnyPackage("io.hookline.gateway..", "io.hookline.router..", "io.hookline.standalone..")
                .check(CLASSES);
    }

    @Test
    void shouldKeepSchemasFreeOfComponents() {
        noClasses().that().resideInAPackage("io.hookline.schemas..")
                .should().dependOnClassesThat().resideInAnyPackage("io.hookline.gateway..", "io.hookline.router..",
                        "io.hookline.deliverer..", "io.hookline.standalone..", "org.springframework..")
                .check(CLASSES);
    }

    @Test
    void shouldKeepKafkaSupportFreeOfComponents() {
        noClasses().that().resideInAPackage("io.hookline.kafka..")
                .should().dependOnClassesThat().resideInAnyPackage("io.hookline.gateway..", "io.hookline.router..",
                        "io.hookline.deliverer..", "io.hookline.executor..", "io.hookline.standalone..")
                .check(CLASSES);
    }
}
