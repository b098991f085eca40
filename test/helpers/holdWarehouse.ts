/**
 * A child process that holds a warehouse open (as a second command would) until killed.
 * Usage: node --import tsx test/helpers/holdWarehouse.ts <dataDir>
 */
import { join } from 'node:path';
import { Warehouse } from '../../core/warehouse/open.ts';

const [data] = process.argv.slice(2) as [string];
await Warehouse.open({ path: join(data, 'practiceboard.duckdb'), allowedDirectories: [data], tempDirectory: join(data, 'tmp') });
process.stdout.write('holding\n');
setInterval(() => undefined, 60_000);
