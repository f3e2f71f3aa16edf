// Swagger UI on the gateway's merged document (a file, not an inline script: the page's CSP allows scripts from 'self' only).
window.onload = function () {
  window.ui = SwaggerUIBundle({ url: "/api/v1/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
};
