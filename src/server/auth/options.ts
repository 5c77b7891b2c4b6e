import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import GitHubProvider from 'next-auth/providers/github';
import GoogleProvider from 'next-auth/providers/google';
import { getDb, type Db } from '@/server/db';
import {
  clientIpFromHeaders,
  consumeRateLimit,
  RATE_LIMITS,
  refundRateLimit,
  tooManyAttemptsMessage,
  type RateLimitRule,
} from '@/server/domain/rate-limit/rate-limit';
import { createGuest, verifyCredentials } from '@/server/domain/users/accounts';
import { ZDisplayName } from '@/shared/schemas/user';

/**
 * next-auth turns an error thrown in `authorize` into `?error=<message>` for the client (status
 * 401: next-auth v4 cannot answer 429 from a provider), so the message carries the retry time.
 */
async function enforceSignInLimit(db: Db, rule: RateLimitRule, key: string) {
  const state = await consumeRateLimit(db, rule, key);
  if (!state.isAllowed) throw new Error(tooManyAttemptsMessage(state.retryAfterSeconds));
}

function oauthProviders(): NextAuthOptions['providers'] {
  const providers: NextAuthOptions['providers'] = [];
  if (process.env.GITHUB_CLIENT_ID && process.env.GITHUB_CLIENT_SECRET) {
    providers.push(GitHubProvider({ clientId: process.env.GITHUB_CLIENT_ID, clientSecret: process.env.GITHUB_CLIENT_SECRET }));
  }
  if (process.env.GOOGLE_CLIENT_ID && process.env.GOOGLE_CLIENT_SECRET) {
    providers.push(GoogleProvider({ clientId: process.env.GOOGLE_CLIENT_ID, clientSecret: process.env.GOOGLE_CLIENT_SECRET }));
  }
  return providers;
}

export const authOptions: NextAuthOptions = {
  secret: process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET,
  session: { strategy: 'jwt', maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: '/signin' },
  providers: [
    CredentialsProvider({
      id: 'credentials',
      name: 'Email and password',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, request) {
        if (!credentials?.email || !credentials.password) return null;
        const db = getDb();
        const ip = clientIpFromHeaders(request.headers);
        const emailIpKey = `${credentials.email.trim().toLowerCase()}|${ip}`;
        await enforceSignInLimit(db, RATE_LIMITS.signInPerEmailIp, emailIpKey);
        await enforceSignInLimit(db, RATE_LIMITS.signInPerIp, ip);
        const actor = await verifyCredentials(db, credentials.email, credentials.password);
        if (!actor) return null;
        // Only failures count towards the email+IP limit: a user who signs in often is not slowed.
        await refundRateLimit(db, RATE_LIMITS.signInPerEmailIp, emailIpKey);
        return { id: actor.id, name: actor.displayName, isGuest: false };
      },
    }),
    CredentialsProvider({
      id: 'guest',
      name: 'Guest',
      credentials: { displayName: { label: 'Display name', type: 'text' } },
      async authorize(credentials, request) {
        const parsed = ZDisplayName.safeParse(credentials?.displayName ?? '');
        if (!parsed.success) return null;
        const db = getDb();
        await enforceSignInLimit(db, RATE_LIMITS.guestPerIp, clientIpFromHeaders(request.headers));
        const actor = await createGuest(db, parsed.data);
        return { id: actor.id, name: actor.displayName, isGuest: true };
      },
    }),
    ...oauthProviders(),
  ],
  callbacks: {
    async signIn({ user, account }) {
      if (!account || account.type !== 'oauth') return true;
      // OAuth users get a Crux account keyed by provider + provider account id.
      const db = getDb();
      const linked = await db.account.findUnique({
        where: { provider_providerAccountId: { provider: account.provider, providerAccountId: account.providerAccountId } },
        select: { userId: true },
      });
      if (linked) {
        user.id = linked.userId;
        return true;
      }
      const created = await db.user.create({
        data: {
          displayName: user.name ?? user.email?.split('@')[0] ?? 'New user',
          email: user.email ?? null,
          image: user.image ?? null,
          accounts: {
            create: { type: account.type, provider: account.provider, providerAccountId: account.providerAccountId },
          },
        },
        select: { id: true },
      });
      user.id = created.id;
      return true;
    },
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.name = user.name;
        token.isGuest = Boolean((user as { isGuest?: boolean }).isGuest);
      }
      return token;
    },
    session({ session, token }) {
      session.user = {
        id: token.sub ?? '',
        name: token.name ?? '',
        isGuest: Boolean(token.isGuest),
      };
      return session;
    },
  },
};
