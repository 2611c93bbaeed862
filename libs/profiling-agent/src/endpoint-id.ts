const DISALLOWED = /[^A-Za-z0-9._~:/@{}*-]/g;

/** The route of a request that matched no route: its raw URL must not travel, so all such requests share one id. */
export const UNMATCHED_ROUTE = '/*unmatched';

/** `GET /users/:id`: a method and a route template, made fit for Tailor's identifier rules (contracts IdentifierSchema). */
export function endpointIdOf(method: string | undefined, template: string | undefined): string {
  const path = (template || UNMATCHED_ROUTE).replace(DISALLOWED, '_').slice(0, 180);
  const verb = (method ?? '')
    .toUpperCase()
    .replace(/[^A-Z]/g, '')
    .slice(0, 12);
  return verb ? `${verb} ${path}` : path;
}
