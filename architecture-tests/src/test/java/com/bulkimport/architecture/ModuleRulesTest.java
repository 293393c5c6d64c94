package com.bulkimport.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The arrows between the modules, as docs/architecture.md ("Modules") draws them, checked on the
 * compiled production classes of every module: a forbidden import fails {@code ./mvnw verify}.
 */
class ModuleRulesTest {

    private static final String MODEL = "com.bulkimport.model..";
    private static final String ENGINE = "com.bulkimport.engine..";
    private static final String API = "com.bulkimport.api..";
    private static final String RELAY = "com.bulkimport.relay..";
    private static final String WORKER = "com.bulkimport.worker..";
    private static final String DB = "com.bulkimport.db..";
    private static final String SUPPORT = "com.bulkimport.support..";
    /** The local stack (embedded servers, sign-in, launcher and CLI) and the benchmarks: never production. */
    private static final String[] LOCAL_ONLY = {"com.bulkimport.local..", "com.bulkimport.cli..", "com.bulkimport.bench.."};

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.bulkimport.model", "com.bulkimport.engine", "com.bulkimport.api",
                    "com.bulkimport.relay", "com.bulkimport.worker", "com.bulkimport.db", "com.bulkimport.support");

    private static void check(ArchRule rule) {
        rule.check(PRODUCTION);
    }

    @Test
    void servicesNeverImportEachOther() {
        check(noClasses().that().resideInAPackage(API).should().dependOnClassesThat().resideInAnyPackage(RELAY, WORKER)
                .because("the services talk only through the database and the outbox"));
        check(noClasses().that().resideInAPackage(RELAY).should().dependOnClassesThat().resideInAnyPackage(API, WORKER)
                .because("the services talk only through the database and the outbox"));
        check(noClasses().that().resideInAPackage(WORKER).should().dependOnClassesThat().resideInAnyPackage(API, RELAY)
                .because("the services talk only through the database and the outbox"));
    }

    @Test
    void productionCodeNeverImportsTheLocalStackOrTheBenchmarks() {
        check(noClasses().should().dependOnClassesThat().resideInAnyPackage(LOCAL_ONLY)
                .because("local-stack and bench run beside the services, never inside them"));
    }

    @Test
    void commonModelHoldsOnlyPlainTypes() {
        check(noClasses().that().resideInAPackage(MODEL).should().dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "org.postgresql..", "io.micrometer..", "io.opentelemetry..",
                        "software.amazon..", "java.sql..", "javax.sql..")
                .because("common-model is the types every module shares, with no framework, driver or cloud SDK"));
        check(noClasses().that().resideInAPackage(MODEL).should().dependOnClassesThat()
                .resideInAnyPackage(ENGINE, API, RELAY, WORKER, DB, SUPPORT)
                .because("every other module builds on common-model, not the other way round"));
    }

    @Test
    void theRelayIsAPureRelay() {
        check(noClasses().that().resideInAPackage(RELAY).should().dependOnClassesThat().resideInAPackage(ENGINE)
                .because("the relay publishes outbox rows; it never imports, stages or applies"));
    }

    @Test
    void theEngineServesTheServicesAndKnowsNoneOfThem() {
        check(noClasses().that().resideInAPackage(ENGINE).should().dependOnClassesThat()
                .resideInAnyPackage(API, RELAY, WORKER, SUPPORT)
                .because("import-api and batch-worker use the engine, not the other way round"));
    }

    @Test
    void serviceSupportServesEveryServiceAndKnowsNoneOfThem() {
        check(noClasses().that().resideInAPackage(SUPPORT).should().dependOnClassesThat()
                .resideInAnyPackage(API, RELAY, WORKER, ENGINE)
                .because("service-support is what the three services share, not a part of one of them"));
    }

    @Test
    void theEnginesPackagesHaveNoCycles() {
        check(slices().matching("com.bulkimport.engine.(*)..").should().beFreeOfCycles());
    }
}
