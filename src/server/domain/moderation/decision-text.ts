import type { TProposalKind } from '@/shared/schemas/moderation';

const NOUN: Record<TProposalKind, string> = { claim: 'claim', evidence: 'evidence', link: 'link to' };

function clip(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The author's notification about a decision on their proposal (pure). */
export function decisionText(
  proposal: { kind: TProposalKind; text: string },
  decision: 'approve' | 'reject',
  options: { isEdited?: boolean; reason?: string | null } = {},
): string {
  const what = `Your ${NOUN[proposal.kind]} “${clip(proposal.text)}”`;
  if (decision === 'approve') return `${what} was ${options.isEdited ? 'edited and ' : ''}approved: everyone can see it now.`;
  return options.reason ? `${what} was not approved. Reason: ${options.reason}` : `${what} was not approved.`;
}
