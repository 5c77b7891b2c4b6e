import type { Db } from '@/server/db';
import type { UserContext, WriteContext } from '@/server/domain/context';
import { importMapDocument } from '@/server/domain/exchange/import-map';
import { loadMapDocument } from '@/server/domain/exchange/map-document-from-db';
import { MAP_DOCUMENT_FORMAT, MAP_DOCUMENT_VERSION, type MapDocument } from '@/shared/map-document';
import type { MapTemplateId } from '@/shared/map-templates';
import type { TCreateMapFromTemplateInput } from '@/shared/schemas/map';
import type { TRelation } from '@/shared/schemas/claim';

type Child = { text: string; relation: TRelation; children?: Child[] };
type Root = { text: string; children: Child[] };

function shapeOf(templateId: MapTemplateId, title: string): Root[] {
  switch (templateId) {
    case 'pros-cons':
      return [
        {
          text: title,
          children: [
            { text: 'A first reason this is true (edit me)', relation: 'support' },
            { text: 'A second reason this is true (edit me)', relation: 'support' },
            { text: 'A first reason this is false (edit me)', relation: 'oppose' },
            { text: 'A second reason this is false (edit me)', relation: 'oppose' },
          ],
        },
      ];
    case 'debate':
      return [
        {
          text: title,
          children: [
            {
              text: 'Yes: one side’s position (edit me)',
              relation: 'support',
              children: [{ text: 'Their strongest argument (edit me)', relation: 'support' }],
            },
            {
              text: 'No: the other side’s position (edit me)',
              relation: 'oppose',
              children: [{ text: 'Their strongest argument (edit me)', relation: 'support' }],
            },
          ],
        },
      ];
    case 'analyse-source':
      return [
        {
          text: `${title}: what the source claims (edit me)`,
          children: [
            { text: 'The evidence the source gives (quote it from the source)', relation: 'support' },
            { text: 'A weakness in its reasoning or evidence (edit me)', relation: 'oppose' },
          ],
        },
      ];
  }
}

/** A template as a map document: claims and links only, laid out on first open. */
export function templateDocument(templateId: MapTemplateId, title: string, description = ''): MapDocument {
  const claims: MapDocument['claims'] = [];
  const links: MapDocument['links'] = [];
  const add = (text: string) => {
    const id = `c${claims.length + 1}`;
    claims.push({ id, text, x: null, y: null });
    return id;
  };
  const addChildren = (parentId: string, children: Child[]) => {
    for (const child of children) {
      const id = add(child.text);
      links.push({ id: `l${links.length + 1}`, from: { claimId: id }, toClaimId: parentId, relation: child.relation });
      addChildren(id, child.children ?? []);
    }
  };
  for (const root of shapeOf(templateId, title)) addChildren(add(root.text), root.children);
  return {
    format: MAP_DOCUMENT_FORMAT,
    version: MAP_DOCUMENT_VERSION,
    exportedAt: new Date().toISOString(),
    map: { title, description, visibility: 'private' },
    claims,
    links,
    sources: [],
    evidence: [],
  };
}

export async function createMapFromTemplate(db: Db, context: UserContext, input: TCreateMapFromTemplateInput) {
  const { actor } = context;
  const document = templateDocument(input.templateId, input.title, input.description ?? '');
  const result = await importMapDocument(db, actor, document, { title: input.title });
  return { id: result.mapId, title: result.title };
}

const COPY_SUFFIX = ' (copy)';

/**
 * A copy of a map for another class: claims, links, sources, evidence and positions, owned by
 * the caller and private; no votes, members, share links or history come along.
 */
export async function duplicateMap(db: Db, context: WriteContext, input: { title?: string }) {
  const { actor, mapId } = context;
  const { title } = input;
  const { document } = await loadMapDocument(db, mapId, { votes: 'none' });
  const copyTitle = title ?? `${document.map.title.slice(0, 200 - COPY_SUFFIX.length)}${COPY_SUFFIX}`;
  const result = await importMapDocument(db, actor, { ...document, map: { ...document.map, visibility: 'private' } }, { title: copyTitle });
  return { id: result.mapId, title: result.title, counts: result.counts };
}
