package io.hookline.testsupport.openapi;

import java.net.URI;
import java.net.http.HttpResponse;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import reactor.core.publisher.Mono;

/**
 * The places where integration tests receive answers, each checking them against an {@link OpenApiContract}:
 * a filter for {@code WebTestClient}/{@code WebClient} builders, and a check for {@code java.net.http} answers.
 */
public final class ContractFilters {

    private ContractFilters() {
    }

    /** Reads each {@code /v4} answer's body, checks it, and hands on an answer with the same status, headers and body. */
    public static ExchangeFilterFunction validating(OpenApiContract contract) {
        return (request, next) -> next.exchange(request).flatMap(response -> {
            String path = request.url().getRawPath();
            if (!OpenApiContract.covers(path)) {
                return Mono.just(response);
            }
            return response.bodyToMono(String.class).defaultIfEmpty("").map(body -> {
                contract.check(request.method().name(), path, response.statusCode().value(),
                        name -> response.headers().asHttpHeaders().getFirst(name), body);
                ClientResponse.Builder copy = response.mutate();
                return body.isEmpty() ? copy.body(reactor.core.publisher.Flux.empty()).build() : copy.body(body).build();
            });
        });
    }

    /** @return the answer, once checked (answers outside {@code /v4} pass unchecked) */
    public static HttpResponse<String> checked(OpenApiContract contract, HttpResponse<String> response) {
        URI uri = response.request().uri();
        if (OpenApiContract.covers(uri.getRawPath())) {
            contract.check(response.request().method(), uri.getRawPath(), response.statusCode(),
                    name -> response.headers().firstValue(name).orElse(null), response.body());
        }
        return response;
    }
}
