package io.hookline.standalone;

import io.hookline.deliverer.DelivererApplication;
import io.hookline.executor.ExecutorApplication;
import io.hookline.gateway.GatewayApplication;
import io.hookline.router.RouterApplication;
import org.springframework.boot.SpringApplication;

/** Runs one component on its own, as a production deployment does (one role per process). */
final class Roles {

    private Roles() {
    }

    static void run(String role, String[] args) {
        Class<?> application = switch (role) {
            case "gateway" -> GatewayApplication.class;
            case "router" -> RouterApplication.class;
            case "deliverer" -> DelivererApplication.class;
            case "executor" -> ExecutorApplication.class;
            default -> throw new IllegalArgumentException("Unknown role: " + role);
        };
        SpringApplication.run(application, args);
    }
}
