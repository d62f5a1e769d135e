// Starts Swagger UI on /docs (a file of its own: the page's Content-Security-Policy allows no inline script).
window.addEventListener("load", function () {
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.getAttribute("data-url"),
    dom_id: "#swagger-ui",
    deepLinking: true,
    // offline: never send the document to the public validator
    validatorUrl: null,
    // an API key typed into "Authorize" stays in this tab's memory only
    persistAuthorization: false,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout"
  });
});
