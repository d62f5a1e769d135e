package io.hookline.standalone.faults;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * The same fault test against a Testcontainers Kafka cluster (three {@code apache/kafka} containers), where
 * a Docker engine exists. Where none exists it is skipped, and says so: the in-process run
 * ({@link FaultToleranceIT}) never skips.
 */
class FaultToleranceContainersIT {

    @Test
    void shouldLoseNothingWhenOneOfEachComponentIsKilledAndABrokerStopsOnAContainerCluster() throws Exception {
        // in the test, not in a @BeforeAll, so that the report counts it as skipped rather than not run
        boolean docker = ContainerCluster.dockerAvailable();
        if (!docker) {
            System.out.println("FaultToleranceContainersIT skipped: no Docker engine on this machine (Testcontainers found none); "
                    + "FaultToleranceIT ran the same scenario on an in-process 3-broker cluster instead.");
        }
        assumeTrue(docker, "no Docker engine on this machine: the Testcontainers cluster cannot start");

        // given a 3-broker cluster of containers
        try (ContainerCluster cluster = new ContainerCluster(3)) {
            // when the load runs through the faults
            FaultScenario.Report report = FaultScenario.run(cluster, FaultToleranceIT.logsDir("containers"), "at_least_once", FaultToleranceIT.size());

            // then
            System.out.print(report.summary());
            FaultToleranceIT.assertReport(report);
        }
    }
}
