import { writeFile } from 'node:fs/promises';
import { printGatewaySchema } from '../src/schema/print.js';

// `npm run schema`: rewrites schema/schema.graphql from the code (test/unit/schema-drift.test.ts guards it).
const target = new URL('../schema/schema.graphql', import.meta.url);
await writeFile(target, printGatewaySchema());
process.stdout.write(`wrote ${target.pathname}\n`);
