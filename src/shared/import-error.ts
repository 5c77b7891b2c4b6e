/** Where in the imported input a problem was found: a 1-based line/column in text, or a JSON path. */
export interface ImportErrorLocation {
  line?: number;
  column?: number;
  /** JSON path such as `claims[3].text`. */
  path?: string;
}

/**
 * The one error the import/export conversion layer throws for bad input. The message is meant for
 * the person importing: it names the line (text formats) or the JSON path (JSON formats).
 */
export class ImportError extends Error {
  constructor(
    message: string,
    readonly location?: ImportErrorLocation,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}
