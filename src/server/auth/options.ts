import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import GitHubProvider from 'next-auth/providers/github';
import GoogleProvider from 'next-auth/providers/google';
import { getDb } from '@/server/db';
import { createGuest, verifyCredentials } from '@/server/domain/users/accounts';
import { ZDisplayName } from '@/shared/schemas/user';

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
      async authorize(credentials) {
        if (!credentials?.email || !credentials.password) return null;
        const actor = await verifyCredentials(getDb(), credentials.email, credentials.password);
        return actor ? { id: actor.id, name: actor.displayName, isGuest: false } : null;
      },
    }),
    CredentialsProvider({
      id: 'guest',
      name: 'Guest',
      credentials: { displayName: { label: 'Display name', type: 'text' } },
      async authorize(credentials) {
        const parsed = ZDisplayName.safeParse(credentials?.displayName ?? '');
        if (!parsed.success) return null;
        const actor = await createGuest(getDb(), parsed.data);
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
