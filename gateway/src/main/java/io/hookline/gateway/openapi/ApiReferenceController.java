package io.hookline.gateway.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import io.hookline.gateway.web.ApiPaths;
import java.util.Properties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v4/openapi.json} (no API key: {@code ApiPaths.isPublic}) and {@code GET /docs}, Swagger UI from
 * its webjar pointed at that document, so the reference works offline. The page's Content-Security-Policy
 * allows scripts, styles and connections to this origin only (ApiReferencePageIT sees Chromium refuse nothing).
 */
@RestController
final class ApiReferenceController {

    static final String DOCUMENT = ApiPaths.OPEN_API_DOCUMENT;
    static final String PAGE = "/docs";
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";
    private static final String WEBJAR_VERSION = "META-INF/maven/org.webjars/swagger-ui/pom.properties";

    private final OpenApiDocument document;
    private final String page;

    ApiReferenceController(OpenApiDocument document) {
        this.document = document;
        this.page = page(swaggerUiVersion());
    }

    @GetMapping(path = DOCUMENT, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> document() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(document.json());
    }

    @GetMapping(path = {PAGE, PAGE + "/"}, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page() {
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .body(page);
    }

    /** The page; the webjar's own index.html would load the Petstore, so ours points at this API's document. */
    static String page(String swaggerUiVersion) {
        String assets = "/webjars/swagger-ui/" + swaggerUiVersion + "/";
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Hookline API reference</title>\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<link rel=\"stylesheet\" href=\"" + assets + "swagger-ui.css\">\n"
                + "<link rel=\"icon\" type=\"image/png\" href=\"" + assets + "favicon-32x32.png\">\n"
                + "</head>\n<body>\n<div id=\"swagger-ui\" data-url=\"" + DOCUMENT + "\"></div>\n"
                + "<script src=\"" + assets + "swagger-ui-bundle.js\"></script>\n"
                + "<script src=\"" + PAGE + "/hookline-docs.js\"></script>\n</body>\n</html>\n";
    }

    /** The webjar's version, from its Maven metadata: its assets lie under a folder of that name. */
    static String swaggerUiVersion() {
        try (InputStream in = ApiReferenceController.class.getClassLoader().getResourceAsStream(WEBJAR_VERSION)) {
            if (in == null) {
                throw new IllegalStateException("Swagger UI's webjar (org.webjars:swagger-ui) is not on the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
