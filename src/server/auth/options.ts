import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import GitHubProvider from 'next-auth/providers/github';
import GoogleProvider from 'next-auth/providers/google';
import { clientAddressFromHeaders } from '@/server/api/client-address';
import { getDb, type Db } from '@/server/db';
import { consumeRateLimit, RATE_LIMITS, tooManyAttemptsMessage, type RateLimitRule } from '@/server/domain/rate-limit/rate-limit';
import { createGuest, signInWithPassword } from '@/server/domain/users/accounts';
import { createSession, endSession, isSessionLive, SESSION_MAX_AGE_SECONDS } from '@/server/domain/users/sessions';
import { findUnsafeText } from '@/shared/safe-text';
import { ZDisplayName, ZEmail, ZPassword } from '@/shared/schemas/user';

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
  // The JWT names a server-side session row (`sid`), checked on every request: see domain/users/sessions.ts.
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/signin' },
  providers: [
    CredentialsProvider({
      id: 'credentials',
      name: 'Email and password',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, request) {
        const email = ZEmail.safeParse(credentials?.email ?? '');
        const password = ZPassword.safeParse(credentials?.password ?? '');
        if (!email.success || !password.success || findUnsafeText(password.data)) return null;
        const db = getDb();
        // Per address (from the socket, see server/infra/http-server.ts), then per account with back-off.
        await enforceSignInLimit(db, RATE_LIMITS.signInPerIp, clientAddressFromHeaders(request.headers));
        const result = await signInWithPassword(db, email.data, password.data);
        if (result.kind === 'limited') throw new Error(tooManyAttemptsMessage(result.retryAfterSeconds));
        if (result.kind === 'wrong') return null;
        return { id: result.actor.id, name: result.actor.displayName, isGuest: false };
      },
    }),
    CredentialsProvider({
      id: 'guest',
      name: 'Guest',
      credentials: { displayName: { label: 'Display name', type: 'text' } },
      async authorize(credentials, request) {
        const parsed = ZDisplayName.safeParse(credentials?.displayName ?? '');
        if (!parsed.success || findUnsafeText(parsed.data)) return null;
        const db = getDb();
        await enforceSignInLimit(db, RATE_LIMITS.guestPerIp, clientAddressFromHeaders(request.headers));
        const actor = await createGuest(db, parsed.data);
        return { id: actor.id, name: actor.displayName, isGuest: true };
      },
    }),
    ...oauthProviders(),
  ],
  events: {
    async signOut({ token }) {
      if (token?.sid) await endSession(getDb(), token.sid);
    },
  },
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
    async jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.name = user.name;
        token.isGuest = Boolean((user as { isGuest?: boolean }).isGuest);
        token.sid = await createSession(getDb(), user.id);
        return token;
      }
      // A refresh (/api/auth/session) of an ended session: throwing makes next-auth clear the cookie.
      if (!token.sid || !(await isSessionLive(getDb(), token.sid))) throw new Error('This session has ended.');
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
