import Link from 'next/link';

export default function HomePage() {
  return (
    <main className="page">
      <section className="hero">
        <div>
          <h1>Map the argument, not just the opinions.</h1>
          <p className="lead">
            Crux is where a class, a team or a research group builds an argument map together: a thesis, the claims that support or oppose
            it, and evidence quoted word for word from real sources.
          </p>
          <div className="row">
            <Link href="/demo" className="btn btn-primary">
              Open the demo map
            </Link>
            <Link href="/signup" className="btn">
              Create a free account
            </Link>
            <Link href="/signin?guest=1" className="btn">
              Continue as guest
            </Link>
          </div>
        </div>
        <div className="hero-figure" aria-hidden="true">
          <div className="mini-claim">Cyber sovereignty is a legitimate principle for governing the internet</div>
          <div className="mini-claim support">+ Cyber sovereignty mirrors GDPR</div>
          <div className="mini-claim quote">“…the right of each state to choose its own internet governance model…”</div>
          <div className="mini-claim oppose">− Sovereignty claims mask censorship</div>
        </div>
      </section>
      <section className="features">
        <div className="card">
          <h3>Evidence, anchored</h3>
          <p>Quote the exact passage from an article or report; anyone can open the source at that sentence.</p>
        </div>
        <div className="card">
          <h3>Together, live</h3>
          <p>Everyone on a map sees each other&apos;s edits as they happen. Students join from a link or a code.</p>
        </div>
        <div className="card">
          <h3>Votes that mean something</h3>
          <p>Members rate each claim; Crux computes how strong each one is once its supporters and opposers count.</p>
        </div>
      </section>
    </main>
  );
}
