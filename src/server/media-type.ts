/** Media types a GraphQL POST may carry (GraphQL over HTTP). */
const JSON_MEDIA_TYPES = ['application/json', 'application/graphql-response+json'];

/**
 * Whether a POST body is JSON. Everything else is refused before yoga sees it, including the types
 * yoga would accept (form data, multipart, application/graphql): forms and multipart are CORS "simple"
 * requests that any page can send to the gateway without a preflight, so running them would let a
 * site act through a visitor's browser.
 */
export function isJsonMediaType(contentType: string | undefined): boolean {
  const essence = contentType?.split(';')[0]?.trim().toLowerCase();
  return essence !== undefined && JSON_MEDIA_TYPES.includes(essence);
}
