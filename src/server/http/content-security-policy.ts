/**
 * The Content-Security-Policy of every page, with a fresh nonce per request (set by src/proxy.ts;
 * Next.js reads the nonce from the request's CSP header and puts it on its own scripts). With
 * 'strict-dynamic', only scripts carrying the nonce run, plus what they load: an injected inline
 * script or a same-origin file an attacker managed to upload does not. Styles stay 'unsafe-inline'
 * because React Flow positions nodes with style attributes (no script runs from a style).
 */
export function contentSecurityPolicy(nonce: string, isDev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
}

/** For API responses, which are data and never run anything. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

export function newNonce(): string {
  return Buffer.from(crypto.randomUUID()).toString('base64');
}
