/**
 * A child process for the crash test: opens the warehouse, loads one file, and prints each
 * phase as it starts so the parent can SIGKILL it at that moment.
 * Usage: node --import tsx test/helpers/loadChild.ts <dir> <file>
 */
import { join } from 'node:path';
import { loadFile } from '../../etl/load/loadFile.ts';
import { ProfileRegistry } from '../../etl/profiles/registry.ts';
import { Warehouse } from '../../core/warehouse/open.ts';
import { TEST_KEY, TEST_TIMEZONE } from './etlHarness.ts';

const [dir, file] = process.argv.slice(2) as [string, string];
const warehouse = await Warehouse.open({ path: join(dir, 'wh.duckdb'), allowedDirectories: [dir], tempDirectory: join(dir, 'tmp') });
const report = await loadFile(
  {
    warehouse,
    profiles: ProfileRegistry.load(),
    hmacKey: TEST_KEY,
    timezone: TEST_TIMEZONE,
    tmpDir: join(dir, 'tmp'),
    onProgress: (p) => process.stdout.write(`phase ${p.phase}\n`),
  },
  { path: file, source: 'billing' },
);
process.stdout.write(`status ${report.status} ${report.errorCode ?? ""} ${report.message ?? ""}\n`);
warehouse.close();
