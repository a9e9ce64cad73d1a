/** Errors of the compute module. Messages are German first; `messageEn` carries the English text. */

/** A wrong definition, formula, period rule or input data shape: the indicator cannot be computed. */
export class ComputeError extends Error {
  readonly code: string;
  readonly messageEn: string;
  /** Indicator code when known. */
  readonly indicator: string | undefined;
  constructor(args: { code: string; de: string; en: string; indicator?: string }) {
    super(args.de);
    this.name = 'ComputeError';
    this.code = args.code;
    this.messageEn = args.en;
    this.indicator = args.indicator;
  }
}

/** A formula that is not a plain arithmetic expression over the declared inputs. */
export class FormulaError extends ComputeError {
  /** The offending part of the formula (token, operator, function call …). */
  readonly part: string;
  readonly formula: string;
  /** 1-based character position in the formula when known. */
  readonly position: number | undefined;
  constructor(args: {
    code: string;
    de: string;
    en: string;
    formula: string;
    part: string;
    position?: number;
    indicator?: string;
  }) {
    super(args);
    this.name = 'FormulaError';
    this.formula = args.formula;
    this.part = args.part;
    this.position = args.position;
  }
}

/** One problem in a definition or definitions file. */
export interface DefinitionIssue {
  /** Path inside the file, e.g. 'indicators[0].inputs.betreut.period'. */
  path: string;
  /** Indicator code when the problem lies inside one indicator. */
  indicator?: string;
  line?: number;
  column?: number;
  de: string;
  en: string;
}

/** A refused definition or definitions file; lists every problem found. */
export class DefinitionError extends Error {
  readonly file: string | undefined;
  readonly issues: DefinitionIssue[];
  readonly messageEn: string;
  constructor(issues: DefinitionIssue[], file?: string) {
    const render = (i: DefinitionIssue, lang: 'de' | 'en'): string => {
      const where = [
        file,
        i.line !== undefined ? (lang === 'de' ? `Zeile ${i.line}` : `line ${i.line}`) : null,
        i.column !== undefined ? (lang === 'de' ? `Spalte ${i.column}` : `column ${i.column}`) : null,
      ]
        .filter(Boolean)
        .join(', ');
      const what = [
        i.indicator !== undefined ? `${lang === 'de' ? 'Indikator' : 'indicator'} ‚${i.indicator}‘` : null,
        i.path ? `${lang === 'de' ? 'Feld' : 'field'} ‚${i.path}‘` : null,
      ]
        .filter(Boolean)
        .join(', ');
      const prefix = [where, what].filter(Boolean).join(': ');
      return `${prefix ? `${prefix}: ` : ''}${lang === 'de' ? i.de : i.en}`;
    };
    super(issues.map((i) => render(i, 'de')).join('\n'));
    this.name = 'DefinitionError';
    this.file = file;
    this.issues = issues;
    this.messageEn = issues.map((i) => render(i, 'en')).join('\n');
  }
}
