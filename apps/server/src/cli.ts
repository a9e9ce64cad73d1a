import { loadDotEnv } from './platform/config/dotenv';
import { runCli } from './cli/main';

loadDotEnv();

runCli(process.argv.slice(2)).then((code) => process.exit(code));
