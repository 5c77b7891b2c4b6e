import type { MapPreview } from '@/server/domain/maps/get-map-preview';
import { focusColumns } from './focus-columns';
import './map-views.css';

/**
 * The map's first screen as plain server-rendered HTML, streamed before the full map has loaded:
 * the title, the thesis (or the claim in focus) and what argues about it, laid out like the focus
 * view. The workspace replaces it as soon as the map arrives.
 */
export function MapPreviewView({ preview }: { preview: MapPreview }) {
  return (
    <main className="map-workspace map-preview" aria-busy="true">
      <header className="map-header">
        <div className="map-title">
          <h1>{preview.title}</h1>
          {preview.description && <p className="muted small">{preview.description}</p>}
        </div>
      </header>
      <div className="map-main">
        <section className="map-canvas" aria-label="Loading the map">
          <div className="map-focus">
            {preview.thesis ? (
              <>
                <div className="focus-claim">
                  <p className="focus-claim-text">{preview.thesis.text}</p>
                </div>
                <div className="focus-columns">
                  {focusColumns(preview.items).map(({ relation, title, items }) => (
                    <div key={relation} className={`focus-column ${relation}`}>
                      <h2 className="focus-column-title">{title}</h2>
                      <ul className="focus-cards">
                        {items.map((item) => (
                          <li key={item.id}>
                            <div className={`focus-card ${relation} ${item.kind === 'evidence' ? 'is-evidence' : ''}`}>
                              <span className="focus-card-text">{item.kind === 'evidence' ? `“${item.text}”` : item.text}</span>
                            </div>
                          </li>
                        ))}
                      </ul>
                    </div>
                  ))}
                </div>
              </>
            ) : (
              <p className="muted">Loading the map…</p>
            )}
          </div>
        </section>
      </div>
    </main>
  );
}
