'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { SignOutButton } from '@/components/sign-out-button';

interface Props {
  actor: { displayName: string; isGuest: boolean } | null;
}

/** The site's links; under 768 px they fold into a Menu button so the header fits a phone. */
export function SiteNav({ actor }: Props) {
  const [isOpen, setIsOpen] = useState(false);
  const pathname = usePathname();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const [lastPath, setLastPath] = useState(pathname);
  if (pathname !== lastPath) {
    setLastPath(pathname);
    setIsOpen(false);
  }
  useEffect(() => {
    if (!isOpen) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setIsOpen(false);
      buttonRef.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [isOpen]);

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className="btn btn-small site-menu-button"
        aria-expanded={isOpen}
        aria-controls="site-nav"
        onClick={() => setIsOpen((open) => !open)}
      >
        Menu
      </button>
      <nav id="site-nav" aria-label="Main" className={isOpen ? 'is-open' : undefined}>
        <Link href="/demo">Demo map</Link>
        <Link href="/explore">Explore</Link>
        <Link href="/join">Join with a code</Link>
        {actor ? (
          <>
            <Link href="/dashboard">My maps</Link>
            <span className="user-chip" data-testid="current-user">
              {actor.displayName}
              {actor.isGuest && <span className="badge">guest</span>}
            </span>
            {actor.isGuest ? (
              <Link href="/account" title="Add an email and password to keep your work">
                Keep my account
              </Link>
            ) : (
              <Link href="/account">Account</Link>
            )}
            <SignOutButton />
          </>
        ) : (
          <>
            <Link href="/signin">Sign in</Link>
            <Link href="/signup" className="btn btn-primary btn-small">
              Sign up
            </Link>
          </>
        )}
      </nav>
    </>
  );
}
