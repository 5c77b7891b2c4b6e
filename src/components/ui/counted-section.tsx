import type { ReactNode } from 'react';

/** A panel section headed by its title and how many items it lists; an empty list shows no section at all. */
export function CountedSection({ title, count, children }: { title: string; count: number; children: ReactNode }) {
  if (count === 0) return null;
  return (
    <section className="panel-section">
      <h3>
        {title} <span className="muted">({count})</span>
      </h3>
      {children}
    </section>
  );
}
