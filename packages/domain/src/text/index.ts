export { csvCell, csvDocument, neutraliseFormula, type CsvOptions } from './csv';
export { boundedMessage, listSummary, shortText } from './messages';
