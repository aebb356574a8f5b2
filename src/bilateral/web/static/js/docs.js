// Swagger UI over the app's own OpenAPI description (served locally, no CDN).
"use strict";
window.ui = SwaggerUIBundle({url: "/api/openapi.json", dom_id: "#swagger-ui", deepLinking: true});
