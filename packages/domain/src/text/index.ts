export { csvCell, csvDocument, neutraliseFormula, type CsvOptions } from './csv';
