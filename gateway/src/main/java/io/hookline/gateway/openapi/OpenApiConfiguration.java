package io.hookline.gateway.openapi;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API's machine-readable contract and its interactive reference (issue 14). */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    @Bean
    OpenApiDocument openApiDocument() {
        return OpenApiDocument.load();
    }

    @Bean
    ApiReferenceController apiReferenceController(OpenApiDocument document) {
        return new ApiReferenceController(document);
    }
}
