/**
 * What a converter hands back: the document, and the warnings that tell the person importing
 * what could not be kept as it was. Warnings of one kind are grouped into one line with a count
 * and a few examples, so a file with 300 undercuts says so once instead of 300 times.
 */
import type { MapDocument } from '@/shared/map-document';

export interface ImportResult {
  document: MapDocument;
  /** Things the import could not represent faithfully; shown to the person importing. */
  warnings: string[];
}

/** How many examples a grouped warning quotes. */
export const WARNING_EXAMPLES = 3;

export const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;

interface WarningGroup {
  describe: (count: number) => string;
  count: number;
  examples: string[];
}

/** Collects warnings in the order their kinds first occur. */
export class ImportWarnings {
  private readonly entries: (string | WarningGroup)[] = [];
  private readonly groups = new Map<string, WarningGroup>();

  /** A one-off warning, kept as written. */
  note(message: string): void {
    this.entries.push(message);
  }

  /**
   * One more occurrence of a kind of loss. `describe(count)` writes the sentence for the total
   * (e.g. "Skipped 3 undercuts: Crux has no undercut relation"); `example` names this one.
   */
  count(kind: string, describe: (count: number) => string, example?: string): void {
    let group = this.groups.get(kind);
    if (!group) {
      group = { describe, count: 0, examples: [] };
      this.groups.set(kind, group);
      this.entries.push(group);
    }
    group.count++;
    if (example && group.examples.length < WARNING_EXAMPLES) group.examples.push(example);
  }

  list(): string[] {
    return this.entries.map((entry) => {
      if (typeof entry === 'string') return entry;
      const sentence = entry.describe(entry.count).replace(/\.$/, '');
      if (entry.examples.length === 0) return `${sentence}.`;
      const more = entry.count > entry.examples.length ? ', …' : '';
      const label = entry.count === 1 ? '' : entry.examples.length === 1 ? 'e.g. ' : 'e.g. ';
      return `${sentence} (${label}${entry.examples.join('; ')}${more}).`;
    });
  }
}
