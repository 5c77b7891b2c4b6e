import type { Metadata } from 'next';
import { Suspense } from 'react';
import { SignUpForm } from '@/components/auth/sign-up-form';

export const metadata: Metadata = { title: 'Sign up' };

export default function SignUpPage() {
  return (
    <main className="page narrow">
      <Suspense>
        <SignUpForm />
      </Suspense>
    </main>
  );
}
