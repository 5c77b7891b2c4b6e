import type { TRelation } from '@/shared/schemas/claim';

export interface FocusColumn<T> {
  relation: TRelation;
  title: string;
  items: T[];
}

/**
 * The focus view's two columns, pros then cons, from what argues about the claim in focus: the live
 * map's links or the server-rendered preview's items. A plain module, so the preview (a server
 * component) and the focus view (a client one) lay the columns out alike.
 */
export function focusColumns<T extends { relation: TRelation }>(incoming: readonly T[]): FocusColumn<T>[] {
  return [
    { relation: 'support', title: 'Supporting', items: incoming.filter((item) => item.relation === 'support') },
    { relation: 'oppose', title: 'Opposing', items: incoming.filter((item) => item.relation === 'oppose') },
  ];
}
