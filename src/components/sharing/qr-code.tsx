'use client';

import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

interface Props {
  value: string;
  /** Rendered size in CSS pixels; the SVG scales without blur, so projecting it stays sharp. */
  size: number;
  label: string;
}

/** A QR code as an SVG image (a data: URL, which the CSP allows for images). */
export function QrCode({ value, size, label }: Props) {
  const [rendered, setRendered] = useState<{ value: string; src: string } | null>(null);
  useEffect(() => {
    let isCurrent = true;
    QRCode.toString(value, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
      .then((svg) => {
        if (isCurrent) setRendered({ value, src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` });
      })
      .catch(() => {});
    return () => {
      isCurrent = false;
    };
  }, [value]);
  const src = rendered?.value === value ? rendered.src : null;
  if (!src) return <div className="qr-code qr-code-pending" style={{ width: size, height: size }} aria-hidden="true" />;
  return <img className="qr-code" src={src} width={size} height={size} alt={label} />;
}
