'use client';

/**
 * Opens the share dialog (links, QR code, join code, members). Placeholder until the sharing
 * issue lands; the map header already mounts it for owners.
 */
export interface ShareButtonProps {
  mapId: string;
  mapTitle: string;
}

export function ShareButton(_props: ShareButtonProps) {
  return null;
}
