/** Only same-site paths are followed after sign-in, so a crafted link cannot send users elsewhere. */
export function safeCallbackUrl(value: string | null | undefined, fallback = '/dashboard'): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  return value;
}

/** Opens `url` once a sign-in succeeded, and re-renders the server components with the new session. */
export function goToAfterSignIn(router: { push(url: string): void; refresh(): void }, url: string): void {
  router.push(url);
  router.refresh();
}
