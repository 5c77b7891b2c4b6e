import 'next-auth';
import 'next-auth/jwt';

declare module 'next-auth' {
  interface Session {
    user: { id: string; name: string; isGuest: boolean };
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    isGuest?: boolean;
    /** The server-side session row this token stands for (domain/users/sessions.ts). */
    sid?: string;
  }
}
