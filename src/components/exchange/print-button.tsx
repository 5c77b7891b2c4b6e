'use client';

/** Opens the browser's print dialog (print to paper or save as PDF). */
export function PrintButton() {
  return (
    <button type="button" className="btn btn-small btn-primary" onClick={() => window.print()}>
      Print or save as PDF
    </button>
  );
}
