/** The starting shapes a teacher can pick for a new map (the server builds the claims). */
export const MAP_TEMPLATES = [
  {
    id: 'pros-cons',
    name: 'Thesis with pros and cons',
    description: 'Your question as the thesis, with two reasons for and two against to edit.',
  },
  {
    id: 'debate',
    name: 'Two-sided debate',
    description: 'Two opposing positions on the question, each with a first argument.',
  },
  {
    id: 'analyse-source',
    name: 'Analyse a source',
    description: 'What a source claims, the evidence it gives, and a weakness — add the source and quote it.',
  },
] as const;

export type MapTemplateId = (typeof MAP_TEMPLATES)[number]['id'];
export const MAP_TEMPLATE_IDS = MAP_TEMPLATES.map((template) => template.id) as [MapTemplateId, ...MapTemplateId[]];
