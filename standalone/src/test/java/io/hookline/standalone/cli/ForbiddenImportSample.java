package io.hookline.standalone.cli;

import io.hookline.gateway.web.ApiException;

/** A CLI class that breaks the module boundary on purpose: ModuleBoundariesTest shows its rule catches it. */
public final class ForbiddenImportSample {

    private ForbiddenImportSample() {
    }

    static RuntimeException borrowed() {
        return ApiException.notFound();
    }
}
