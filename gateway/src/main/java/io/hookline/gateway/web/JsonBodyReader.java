package io.hookline.gateway.web;

import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads request bodies from bytes so that the API decides what is what: a body over the limit is
 * {@code 413}, one that is not JSON is {@code 400}, and the shape is left to each endpoint's
 * validation ({@code 422}). The limit is enforced while reading, so a large body is never buffered whole.
 */
public final class JsonBodyReader {

    private final ObjectReader reader;
    private final DataSize maxSize;

    public JsonBodyReader(JsonMapper mapper, DataSize maxSize) {
        this.reader = mapper.reader()
                .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.maxSize = maxSize;
    }

    public Mono<JsonNode> read(ServerWebExchange exchange) {
        return DataBuffers.body(exchange.getRequest(), maxSize).map(this::parse);
    }

    /** @throws ApiException {@code malformed_json} when the bytes are not exactly one JSON value */
    public JsonNode parse(byte[] bytes) {
        if (bytes.length == 0) {
            throw new ApiException(ErrorCode.MALFORMED_JSON, "The request body is empty; send a JSON value.");
        }
        try {
            JsonNode node = reader.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new ApiException(ErrorCode.MALFORMED_JSON, "The request body is empty; send a JSON value.");
            }
            return node;
        } catch (JacksonException e) {
            throw new ApiException(ErrorCode.MALFORMED_JSON, "The request body is not valid JSON" + where(e.getLocation()) + ".");
        }
    }

    // Only the position is shown: Jackson's own message may quote internals such as the source type.
    private static String where(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
